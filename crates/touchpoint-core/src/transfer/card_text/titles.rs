//! Job titles for the card parser: the words and endings that make a line
//! a job title, in the languages cards come in ("Senior Buyer", "Inköpschef",
//! "Gerente de Compras", "Менеджер по закупкам", "営業部 部長"). Which line
//! is the title when none has such a word is decided by position in `people`.

use super::cjk::cjk_title;
use super::lines::words;
use super::names::CHAT_WORDS;

/// Folded (accent-free, lower-case) words found in job titles.
#[rustfmt::skip]
const TITLE_WORDS: [&str; 188] = [
    "ceo", "cto", "cfo", "coo", "cmo", "cio", "cro", "cpo", "cso", "vp", "svp", "evp", "avp",
    "vice", "president", "presidente", "chairman", "chairwoman", "chair", "chief", "officer",
    "director", "directora", "directeur", "directrice", "direktor", "direktorin", "diretor",
    "diretora", "manager", "managerin", "gerente", "gerant", "gerante", "head", "lead", "founder",
    "cofounder", "engineer", "ingenieur", "ingenieurin", "ingeniero", "engenheiro", "sales",
    "vendas", "ventas", "vertrieb", "account", "executive", "consultant", "consultante",
    "consultora", "consultor", "berater", "beraterin", "conseiller", "conseillere", "partner",
    "associate", "owner", "inhaber", "inhaberin", "principal", "specialist", "analyst",
    "representative", "rep", "coordinator", "administrator", "architect", "developer", "programmer",
    "designer", "advisor", "adviser", "attorney", "lawyer", "counsel", "solicitor", "barrister",
    "accountant", "geschaftsfuhrer", "geschaftsfuhrerin", "prokurist", "prokuristin", "leiter",
    "leiterin", "responsable", "socio", "socia", "intern", "trainee", "recruiter", "realtor",
    "broker", "agent", "secretary", "treasurer", "professor", "scientist", "researcher",
    "strategist", "producer", "editor", "gm", "bdm", "bdr", "sdr", "bucho", "kacho", "shacho",
    "torishimariyaku", "development", "physician", "doctor", "surgeon", "dentist", "nurse",
    "therapist", "pharmacist", "medico", "medica", "arzt", "arztin", "medecin",
    // Buying, the other side of a salesperson's card.
    "buyer", "purchaser", "purchasing", "procurement", "sourcing", "merchandiser", "einkaufer",
    "einkauferin", "einkauf", "inkoper", "aankoper", "acheteur", "acheteuse", "achats",
    "comprador", "compradora", "compras", "acquisti", "zakupow", "zakupy", "nakupci",
    // Ranks and roles in other languages.
    "senior", "junior", "assistant", "deputy", "supervisor", "controller", "planner",
    "technician", "estimator", "jefe", "jefa", "coordinador", "coordinadora", "coordenador",
    "coordenadora", "responsabile", "specjalista", "kierownik", "dyrektor", "prezes", "mudur",
    "muduru", "uzman", "uzmani", "reditel", "manazer", "giam", "truong", "менеджер", "директор",
    "руководитель", "специалист", "начальник", "инженер", "бухгалтер", "plumber", "electrician",
    "contractor", "carpenter", "mechanic", "gasfitter", "vorstand",
];
/// Endings of compound title words: "Einkaufsleiter", "Inköpschef", "Ostopäällikkö".
#[rustfmt::skip]
const TITLE_SUFFIXES: [&str; 16] = [
    "manager", "managerin", "leiter", "leiterin", "berater", "beraterin", "direktor", "fuhrer",
    "fuhrerin", "ingenieur", "referent", "referentin", "chef", "sjef", "paallikko", "johtaja",
];

pub(super) fn title_like(s: &str) -> bool {
    if cjk_title(s) {
        return true;
    }
    let ws: Vec<String> = words(s).collect();
    let sentence = s.ends_with(['!', '?']) || (s.ends_with('.') && ws.len() > 4);
    // "Geschäftsführer: Dr. Klaus Weber" names someone else's role.
    !sentence
        && !s.contains(':')
        && ws.len() <= 8
        && !ws.iter().any(|w| CHAT_WORDS.contains(&w.as_str()))
        && ws.iter().any(|w| {
            TITLE_WORDS.contains(&w.as_str())
                || TITLE_SUFFIXES
                    .iter()
                    .any(|x| w.len() > x.len() && w.ends_with(x))
        })
}
