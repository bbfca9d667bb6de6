//! The sample's made-up people. Numbers are in the 555-01xx range kept for
//! fiction, addresses on example domains: nothing here reaches a real person.

use crate::stage::Stage;

pub(super) struct Person {
    pub name: &'static str,
    pub title: &'static str,
    pub company: &'static str,
    pub phone: &'static str,
    pub stage: Stage,
    pub tags: &'static [&'static str],
    pub notes: &'static str,
    /// Days after the sample's first day that the card was entered.
    pub joined: i64,
}

#[expect(
    clippy::too_many_arguments,
    reason = "one row of the table below, in its column order"
)]
const fn p(
    name: &'static str,
    title: &'static str,
    company: &'static str,
    phone: &'static str,
    stage: Stage,
    tags: &'static [&'static str],
    notes: &'static str,
    joined: i64,
) -> Person {
    Person {
        name,
        title,
        company,
        phone,
        stage,
        tags,
        notes,
        joined,
    }
}

use Stage::{Customer, PastCustomer, Prospect};

#[rustfmt::skip]
pub(super) const PEOPLE: &[Person] = &[
    p("Maria Gonzalez", "Purchasing Manager", "Harbor Freight Lines", "+1 212 555 0101", Prospect, &["trade show"], "Met at the logistics expo. Buys for three depots.", 0),
    p("James O'Connor", "Operations Director", "Brightwater Foods", "+1 312 555 0102", Prospect, &["trade show"], "Asked for pricing on the annual plan. Best after 4 pm.", 0),
    p("Priya Raman", "Head of IT", "Northwind Clinics", "+1 415 555 0103", Prospect, &["referral"], "Referred by Tom Becker. Never Fridays.", 0),
    p("Tom Becker", "Owner", "Becker & Sons Hardware", "+1 617 555 0104", Customer, &["customer", "hardware"], "Customer since spring. Renewal in March.", 0),
    p("Aiko Tanaka", "Procurement Lead", "Sakura Components", "+1 206 555 0105", Prospect, &["website"], "Downloaded the price list twice.", 0),
    p("Daniel Okafor", "CFO", "Greenline Energy", "+1 713 555 0106", Prospect, &["trade show"], "Wants a quote after budget approval.", 3),
    p("Sophie Laurent", "Marketing Manager", "Maison Verte", "+1 305 555 0107", Prospect, &["cold list"], "", 3),
    p("Carlos Mendes", "Fleet Manager", "Rota Transportes", "+1 469 555 0108", Prospect, &["cold list"], "Speaks Portuguese and English.", 3),
    p("Hannah Weiss", "Office Manager", "Weiss Dental", "+1 646 555 0109", PastCustomer, &["past customer"], "Paused last year when the practice moved.", 3),
    p("Liam Murphy", "Store Manager", "Murphy's Garden Centre", "+1 503 555 0110", Prospect, &["referral"], "Wants to hear about the spring offer.", 7),
    p("Grace Kim", "VP Sales", "Summit Realty", "+1 702 555 0111", Prospect, &["event"], "Met at the chamber breakfast.", 7),
    p("Ahmed Hassan", "Facilities Lead", "Crescent Hotels", "+1 404 555 0112", Prospect, &["website"], "Three sites; decides with the GM.", 7),
    p("Emily Clarke", "Practice Manager", "Clarke Veterinary", "+1 720 555 0113", Customer, &["customer"], "Orders every quarter. Prefers email.", 7),
    p("Lucas Silva", "Buyer", "Costa Coffee Roasters", "+1 619 555 0114", Prospect, &["cold list"], "", 10),
    p("Olivia Brown", "Director", "Brown & Partners Law", "+1 215 555 0115", Prospect, &["referral"], "Referred by Emily Clarke.", 10),
    p("Noah Fischer", "IT Manager", "Fischer Logistics", "+1 312 555 0116", Prospect, &["trade show"], "Evaluating two other vendors.", 10),
    p("Isabella Rossi", "Owner", "Rossi Bakery", "+1 718 555 0117", PastCustomer, &["past customer"], "Bought the starter pack two years ago.", 14),
    p("Ethan Walker", "COO", "Walker Manufacturing", "+1 614 555 0118", Prospect, &["event"], "Interested in the multi-site plan.", 14),
    p("Mia Johansson", "Purchasing", "Nordic Interiors", "+1 612 555 0119", Prospect, &["website"], "", 14),
    p("Benjamin Lee", "Principal", "Lee Architecture", "+1 213 555 0120", Prospect, &["referral"], "Best time: mornings before 9.", 17),
    p("Chloe Martin", "HR Manager", "Martin Staffing", "+1 314 555 0121", Prospect, &["cold list"], "", 17),
    p("Samuel Adeyemi", "Founder", "Adeyemi Tech", "+1 470 555 0122", Prospect, &["event"], "Startup, small budget, fast decisions.", 21),
    p("Zoe Thompson", "Operations", "Thompson Events", "+1 512 555 0123", Customer, &["customer"], "Ask about the summer season.", 21),
    p("Jack Wilson", "General Manager", "Wilson Motors", "+1 602 555 0124", Prospect, &["trade show"], "", 24),
    p("Ava Nguyen", "Owner", "Pho Saigon Restaurants", "+1 832 555 0125", Prospect, &["referral"], "Opening a fourth location.", 24),
    p("William Davis", "Procurement", "Davis Construction", "+1 303 555 0126", Prospect, &["website"], "", 28),
    p("Ella Novak", "Clinic Director", "Novak Physio", "+1 773 555 0127", Prospect, &["cold list"], "", 31),
    p("Henry Schmidt", "Owner", "Schmidt Print Shop", "+1 414 555 0128", PastCustomer, &["past customer"], "Left for a cheaper supplier; unhappy with them.", 35),
    p("Lily Chen", "Buyer", "Jade Home Goods", "+1 628 555 0129", Prospect, &["trade show"], "", 38),
    p("Oscar Petrov", "IT Director", "Baltic Shipping", "+1 917 555 0130", Prospect, &["website"], "New card from Friday's meetup.", 41),
];

/// What a salesperson writes after a call, picked in turn.
pub(super) const HOOKS: &[&str] = &[
    "the spring price list",
    "a trial for one depot",
    "the case study from a similar company",
    "how the annual plan saves on support",
    "their budget review next month",
    "the new delivery slots",
];
