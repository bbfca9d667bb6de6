//! Photos of business cards rendered from known text with ImageMagick, made
//! to look photographed: light falling off across the card, a slight tilt
//! on a grey desk, sensor noise, JPEG compression.

use std::path::Path;
use std::process::Command;

/// What is printed on a card, and how it is photographed.
#[derive(Debug, Clone)]
pub struct Card {
    pub given: &'static str,
    pub family: &'static str,
    pub title: &'static str,
    pub company: &'static str,
    pub email: &'static str,
    /// As printed, each with its label if any ("M +81 90 1234 5678").
    pub phones: &'static [&'static str],
    /// The phones as the parser should give them (without their labels).
    pub numbers: &'static [&'static str],
    /// Contact details in a right-hand column rather than under the name.
    pub two_columns: bool,
    /// Degrees, clockwise.
    pub tilt: f32,
}

impl Card {
    pub fn name(&self) -> String {
        format!("{} {}", self.given, self.family)
    }

    /// Title and company under the name; the details below or beside them.
    fn blocks(&self) -> (String, String) {
        let head = [self.title, self.company].join("\n");
        let mut details = vec![self.email];
        details.extend(self.phones);
        (head, details.join("\n"))
    }

    /// Writes the card as a JPEG at `path`: 1050×600 before the tilt (a
    /// card filling a phone photo, scaled down: Tesseract reads letters
    /// 20–40 pixels high best). The noise is seeded, so a card looks the
    /// same on every run.
    pub fn render(&self, path: &Path, seed: u32) {
        let (head, details) = self.blocks();
        let (details_at, details_size) = if self.two_columns {
            ("+540+215", "25")
        } else {
            ("+70+330", "28")
        };
        let status = Command::new("convert")
            .args(["-seed", &seed.to_string()])
            .args(["-size", "1050x600", "xc:#fbfaf5", "-font", "DejaVu-Sans"])
            .args(["-fill", "#1b1b1b", "-pointsize", "42"])
            .args(["-annotate", "+70+120", &self.name()])
            .args(["-pointsize", "28", "-annotate", "+70+175", &head])
            .args([
                "-pointsize",
                details_size,
                "-annotate",
                details_at,
                &details,
            ])
            // Light falling off from one side: the default global threshold
            // would turn the dark side black.
            .args([
                "(",
                "-size",
                "600x1050",
                "gradient:#ffffff-#929292",
                "-rotate",
                "90",
                ")",
            ])
            .args(["-compose", "multiply", "-composite"])
            .args(["-background", "#6f6f6f", "-rotate", &self.tilt.to_string()])
            .args(["-attenuate", "0.35", "+noise", "Gaussian", "-quality", "85"])
            .arg(path)
            .status()
            .expect("ImageMagick's convert must be installed (scripts/setup.sh installs it)");
        assert!(
            status.success(),
            "convert failed to render {}",
            path.display()
        );
    }
}

/// Writes an EXIF orientation into the JPEG at `path`, as a phone does when
/// it stores a photo as the sensor saw it: 6 says "turn a quarter clockwise
/// to show it".
pub fn set_exif_orientation(path: &Path, orientation: u16) {
    let jpeg = std::fs::read(path).expect("the photo");
    assert!(
        jpeg.starts_with(b"\xFF\xD8"),
        "{} is a JPEG",
        path.display()
    );
    // A little-endian TIFF header and one IFD holding one SHORT: 0x0112.
    let mut exif = b"Exif\0\0II*\0\x08\0\0\0\x01\0\x12\x01\x03\0\x01\0\0\0".to_vec();
    exif.extend(u32::from(orientation).to_le_bytes());
    exif.extend([0; 4]);
    let length = u16::try_from(exif.len() + 2).expect("a short segment");
    let mut out = b"\xFF\xD8\xFF\xE1".to_vec();
    out.extend(length.to_be_bytes());
    out.extend(exif);
    out.extend(jpeg.get(2..).unwrap_or_default());
    std::fs::write(path, out).expect("the photo written");
}

/// Varied cards: one and two columns, tilted either way, labelled and bare
/// phones in several countries' formats.
pub const CARDS: &[Card] = &[
    Card {
        given: "Grace",
        family: "Hopper",
        title: "Rear Admiral",
        company: "Navy Computing Lab",
        email: "grace.hopper@navylab.example",
        phones: &["+1 202 555 0143"],
        numbers: &["+1 202 555 0143"],
        two_columns: false,
        tilt: 3.0,
    },
    Card {
        given: "Kenji",
        family: "Watanabe",
        title: "Sales Director",
        company: "Hokuto Trading",
        email: "kenji@hokuto.co.jp",
        phones: &["M +81 90 1234 5678", "T +81 3 1234 5678"],
        numbers: &["+81 90 1234 5678", "+81 3 1234 5678"],
        two_columns: true,
        tilt: -2.5,
    },
    Card {
        given: "Amara",
        family: "Okafor",
        title: "Head of Procurement",
        company: "Lagos Freight Ltd",
        email: "amara.okafor@lagosfreight.com",
        phones: &["+44 20 7946 0321"],
        numbers: &["+44 20 7946 0321"],
        two_columns: true,
        tilt: 2.0,
    },
    Card {
        given: "Jean-Pierre",
        family: "Dubois",
        title: "Responsable Achats",
        company: "Boulangeries Réunies",
        email: "jp.dubois@boulangeries.fr",
        phones: &["Tél. +33 1 42 68 53 00", "Mobile +33 6 12 34 56 78"],
        numbers: &["+33 1 42 68 53 00", "+33 6 12 34 56 78"],
        two_columns: false,
        tilt: -1.0,
    },
    Card {
        given: "Lucía",
        family: "Fernández García",
        title: "Directora Comercial",
        company: "Aceros del Norte S.A.",
        email: "lucia.fernandez@acerosnorte.es",
        phones: &["+34 915 55 01 23"],
        numbers: &["+34 915 55 01 23"],
        two_columns: false,
        tilt: 1.5,
    },
    Card {
        given: "Jonas",
        family: "Becker",
        title: "Senior Buyer",
        company: "Rheinwerk GmbH",
        email: "j.becker@rheinwerk.de",
        phones: &["Tel. +49 221 1234560", "Mobil +49 171 2345678"],
        numbers: &["+49 221 1234560", "+49 171 2345678"],
        two_columns: true,
        tilt: -3.0,
    },
    Card {
        given: "Priya",
        family: "Raman",
        title: "Founder & CEO",
        company: "Kaveri Analytics",
        email: "priya@kaveri.in",
        phones: &["+91 98765 43210"],
        numbers: &["+91 98765 43210"],
        two_columns: false,
        tilt: 2.5,
    },
    Card {
        given: "Tom",
        family: "Brennan",
        title: "Operations Manager",
        company: "Harbour Logistics Pty Ltd",
        email: "tom@harbourlogistics.com.au",
        phones: &["Mobile 0412 345 678", "Office (02) 9876 5432"],
        numbers: &["0412 345 678", "(02) 9876 5432"],
        two_columns: true,
        tilt: -2.0,
    },
];
