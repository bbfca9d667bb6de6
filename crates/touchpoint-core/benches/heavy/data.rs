//! The heavy user's book, made up the same way on every run: a seeded
//! generator, names and companies that repeat as real ones do, notes built
//! from a small vocabulary so common words match thousands of contacts.

/// `SplitMix64`: small, seeded, good enough to spread made-up data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[usize::try_from(self.below(from.len() as u64)).unwrap_or(0)]
    }

    /// True with probability `percent` in 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const GIVEN: [&str; 40] = [
    "Maria", "Kenji", "Amelia", "Olumide", "Sophie", "David", "Priya", "Lars", "Ana", "Tom",
    "Fatima", "Liam", "Chen", "Isabel", "Noah", "Aisha", "Mateo", "Yuki", "Emma", "Omar", "Grace",
    "Hugo", "Ingrid", "Ravi", "Marco", "Nadia", "Peter", "Lucia", "Sam", "Elena", "Jonas", "Mina",
    "Martin", "Sara", "Daniel", "Julia", "Ahmed", "Clara", "Felix", "Rosa",
];
const FAMILY: [&str; 40] = [
    "Gonzalez",
    "Tanaka",
    "Brooks",
    "Adeyemi",
    "Lambert",
    "Cohen",
    "Natarajan",
    "Eriksson",
    "Costa",
    "Whitfield",
    "Haddad",
    "Murphy",
    "Wei",
    "Moreno",
    "Fischer",
    "Khan",
    "Rossi",
    "Sato",
    "Dubois",
    "Novak",
    "Martin",
    "Silva",
    "Meyer",
    "Nguyen",
    "Smith",
    "Garcia",
    "Muller",
    "Kowalski",
    "Johansson",
    "Okafor",
    "Petrov",
    "Larsen",
    "Marquez",
    "Brown",
    "Schmidt",
    "Ali",
    "Romano",
    "Moore",
    "Keller",
    "Young",
];
const COMPANY: [&str; 30] = [
    "Blue Harbor",
    "Northwind",
    "Helix",
    "Fjord",
    "Verde",
    "Atlas",
    "Summit",
    "Orbit",
    "Pioneer",
    "Cedar",
    "Quantum",
    "Harbor Lights",
    "Red Rock",
    "Silverline",
    "Evergreen",
    "Brightway",
    "Maple",
    "Granite",
    "Lumen",
    "Nimbus",
    "Keystone",
    "Meridian",
    "Oakridge",
    "Polar",
    "Sterling",
    "Tidewater",
    "Vantage",
    "Willow",
    "Zenith",
    "Copper",
];
const SUFFIX: [&str; 5] = ["Ltd", "GmbH", "Inc", "Group", "Partners"];
const TITLE: [&str; 8] = [
    "Owner",
    "Buyer",
    "Head of Sales",
    "CTO",
    "Office Manager",
    "Procurement",
    "CEO",
    "Director",
];
const MET: [&str; 8] = [
    "the Lisbon expo",
    "a trade fair",
    "the chamber breakfast",
    "a webinar",
    "a referral dinner",
    "the spring conference",
    "a client site visit",
    "LinkedIn",
];
const WANTS: [&str; 10] = [
    "pricing for the team",
    "a demo for the board",
    "a quote before the budget review",
    "the case study we mentioned",
    "a call about renewal",
    "samples for the warehouse",
    "training for new staff",
    "a meeting with our engineer",
    "payment terms",
    "a trial month",
];
const LATER: [&str; 8] = [
    "Call back after the holidays.",
    "Prefers email in the morning.",
    "Decision maker is the CFO.",
    "Budget is tight this quarter.",
    "Follow up about the contract.",
    "Very friendly, has kids.",
    "Asked about the newsletter.",
    "Send the proposal next week.",
];
pub const TAGS: [&str; 10] = [
    "vip",
    "expo",
    "referral",
    "newsletter",
    "partner",
    "warm",
    "cold",
    "decision-maker",
    "renewal",
    "enterprise",
];
pub const HOOKS: [&str; 6] = [
    "Send the pricing sheet",
    "Ask about the budget review",
    "They will talk to their CFO",
    "Demo next month",
    "Check the trial results",
    "Call after the trade fair",
];

/// One made-up contact, as both the database filler and the vCards use it.
pub struct Person {
    pub given: &'static str,
    pub family: &'static str,
    pub company: String,
    pub title: &'static str,
    pub email: String,
    /// Shown as typed, and the E.164 form.
    pub phone: (String, String),
    pub notes: String,
    pub met_where: &'static str,
    pub tags: Vec<&'static str>,
    /// `prospect` (60 %), `customer` (25 %), `past_customer` (10 %), `lost`.
    pub stage: &'static str,
}

impl Person {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.given, self.family)
    }
}

pub fn person(rng: &mut Rng, id: u64) -> Person {
    let given = rng.pick(&GIVEN);
    let family = rng.pick(&FAMILY);
    let company = if rng.chance(80) {
        format!("{} {}", rng.pick(&COMPANY), rng.pick(&SUFFIX))
    } else {
        String::new()
    };
    let domain = if company.is_empty() {
        "mail.example".to_owned()
    } else {
        format!("{}.example", company.to_lowercase().replace(' ', ""))
    };
    let area = rng.pick(&[212, 415, 617, 312, 206, 303, 512, 646, 718, 202]);
    let line = (200 + rng.below(800)) * 10_000 + rng.below(10_000);
    let met_where = rng.pick(&MET);
    let mut notes = format!("Met at {met_where}; wants {}.", rng.pick(&WANTS));
    for _ in 0..rng.below(3) {
        notes.push(' ');
        notes.push_str(rng.pick(&LATER));
    }
    let mut tags: Vec<&'static str> = Vec::new();
    for _ in 0..rng.below(4) {
        let tag = rng.pick(&TAGS);
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    let stage = match rng.below(100) {
        0..=59 => "prospect",
        60..=84 => "customer",
        85..=94 => "past_customer",
        _ => "lost",
    };
    Person {
        given,
        family,
        email: format!(
            "{}.{}{id}@{domain}",
            given.to_lowercase(),
            family.to_lowercase()
        ),
        phone: (
            format!("+1 {area} {:03} {:04}", line / 10_000, line % 10_000),
            format!("+1{area}{line:07}"),
        ),
        company,
        title: rng.pick(&TITLE),
        notes,
        met_where,
        tags,
        stage,
    }
}
