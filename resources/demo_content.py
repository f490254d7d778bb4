"""The demo directory and resources, in the project's own words (see ../shared/content-brief.md).

Every provider here is fictional; phone numbers use the 555-01xx range kept for fiction and
email addresses use the reserved .example domain.
"""

DIRECTORY = {
    "title": "Find a provider",
    "slug": "directory",
    "intro": (
        "Every provider here runs an independent practice and belongs to the co-op. Filter by "
        "what matters to you; nothing you choose is recorded or shared."
    ),
}

RESOURCES = {
    "title": "Further reading",
    "slug": "resources",
    "intro": (
        "Where to find help right away, and the organizations, podcasts and reading about "
        "worker ownership that helped us. Each link leads to another site."
    ),
}

# kind -> [(slug, name, position)]
TERMS = {
    "specialty": [
        ("anxiety", "Anxiety", 100),
        ("depression", "Depression", 100),
        ("trauma", "Trauma and PTSD", 100),
        ("grief", "Grief and loss", 100),
        ("relationships", "Relationships", 100),
        ("gender-identity", "Gender identity", 100),
        ("neurodivergence", "ADHD and autism", 100),
        ("substance-use", "Substance use", 100),
        ("perinatal", "Pregnancy and postpartum", 100),
        ("chronic-illness", "Chronic illness and pain", 100),
        ("medication", "Psychiatric medication", 100),
        ("life-transitions", "Life transitions", 100),
    ],
    "approach": [
        ("cbt", "Cognitive behavioral therapy (CBT)", 100),
        ("dbt", "Dialectical behavior therapy (DBT)", 100),
        ("emdr", "EMDR", 100),
        ("act", "Acceptance and commitment therapy (ACT)", 100),
        ("ifs", "Internal family systems (IFS)", 100),
        ("narrative", "Narrative therapy", 100),
        ("somatic", "Somatic therapy", 100),
        ("person-centred", "Person-centered therapy", 100),
        ("motivational", "Motivational interviewing", 100),
    ],
    "population": [
        ("adults", "Adults", 100),
        ("teens", "Teens", 100),
        ("children", "Children", 100),
        ("couples", "Couples", 100),
        ("families", "Families", 100),
        ("lgbtqia2s", "LGBTQIA2S+ people", 100),
        ("bipoc", "Black, Indigenous and people of color", 100),
        ("older-adults", "Older adults", 100),
        ("immigrants", "Immigrants and refugees", 100),
    ],
    "language": [
        ("en", "English", 0),
        ("es", "Spanish", 1),
        ("asl", "American Sign Language", 100),
        ("vi", "Vietnamese", 100),
        ("ru", "Russian", 100),
    ],
    "insurance": [
        ("medicaid", "Medicaid (Apple Health, Oregon Health Plan)", 0),
        ("premera", "Premera Blue Cross", 100),
        ("regence", "Regence BlueShield", 100),
        ("aetna", "Aetna", 100),
        ("kaiser", "Kaiser Permanente", 100),
        ("tricare", "TRICARE", 100),
        ("self-pay", "Self-pay only", 200),
    ],
}

# Spanish names of the vocabularies above, by (kind, slug).
TERM_NAMES_ES = {
    ("specialty", "anxiety"): "Ansiedad",
    ("specialty", "depression"): "Depresión",
    ("specialty", "trauma"): "Trauma y estrés postraumático (TEPT)",
    ("specialty", "grief"): "Duelo y pérdida",
    ("specialty", "relationships"): "Relaciones de pareja",
    ("specialty", "gender-identity"): "Identidad de género",
    ("specialty", "neurodivergence"): "TDAH y autismo",
    ("specialty", "substance-use"): "Consumo de sustancias",
    ("specialty", "perinatal"): "Embarazo y posparto",
    ("specialty", "chronic-illness"): "Enfermedad crónica y dolor",
    ("specialty", "medication"): "Medicación psiquiátrica",
    ("specialty", "life-transitions"): "Cambios de vida",
    ("approach", "cbt"): "Terapia cognitivo-conductual (TCC)",
    ("approach", "dbt"): "Terapia dialéctica conductual (TDC)",
    ("approach", "emdr"): "EMDR",
    ("approach", "act"): "Terapia de aceptación y compromiso (ACT)",
    ("approach", "ifs"): "Sistemas de la familia interna (IFS)",
    ("approach", "narrative"): "Terapia narrativa",
    ("approach", "somatic"): "Terapia somática",
    ("approach", "person-centred"): "Terapia centrada en la persona",
    ("approach", "motivational"): "Entrevista motivacional",
    ("population", "adults"): "Personas adultas",
    ("population", "teens"): "Adolescentes",
    ("population", "children"): "Niñas y niños",
    ("population", "couples"): "Parejas",
    ("population", "families"): "Familias",
    ("population", "lgbtqia2s"): "Personas LGBTQIA2S+",
    ("population", "bipoc"): "Personas negras, indígenas y de color",
    ("population", "older-adults"): "Personas mayores",
    ("population", "immigrants"): "Personas inmigrantes y refugiadas",
    ("language", "en"): "Inglés",
    ("language", "es"): "Español",
    ("language", "asl"): "Lengua de señas americana (ASL)",
    ("language", "vi"): "Vietnamita",
    ("language", "ru"): "Ruso",
    ("insurance", "medicaid"): "Medicaid (Apple Health, Oregon Health Plan)",
    ("insurance", "self-pay"): "Solo pago particular",
}

# The brief names the podcast but not its address: the two episode URLs below must be
# checked by an editor before launch.
RESOURCE_LINKS = [
    {
        "title": "988 Suicide & Crisis Lifeline",
        "publisher": "988 Lifeline",
        "url": "https://988lifeline.org/",
        "sort_order": 1,
        "kind": "support",
        "tags": ["help now"],
        "description": (
            "Call or text 988, or chat online, any time of day, for free and in confidence. "
            "Help is available in Spanish and in more than 200 other languages."
        ),
    },
    {
        "title": "211: local help with housing, food and bills",
        "publisher": "United Way 211",
        "url": "https://www.211.org/",
        "sort_order": 3,
        "kind": "support",
        "tags": ["help now"],
        "description": (
            "Dial 211 to reach a local specialist who finds services near you: housing, food, "
            "utility bills, and mental-health and substance-use support."
        ),
    },
    {
        "title": "NAMI HelpLine",
        "publisher": "National Alliance on Mental Illness (NAMI)",
        "url": "https://www.nami.org/support-education/nami-helpline/",
        "sort_order": 4,
        "kind": "support",
        "tags": ["help now", "mental health"],
        "description": (
            "Free information, support and referrals for people living with a mental-health "
            "condition and for the people who care about them, on weekdays."
        ),
    },
    {
        "title": "Crisis Text Line",
        "publisher": "Crisis Text Line",
        "url": "https://www.crisistextline.org/",
        "sort_order": 2,
        "kind": "support",
        "tags": ["help now"],
        "description": (
            "Text HOME to 741741 to reach a trained crisis counselor at any hour. "
            "Text AYUDA to 741741 for help in Spanish."
        ),
    },
    {
        "title": "Worker Ownership",
        "publisher": "U.S. Federation of Worker Cooperatives",
        "url": "https://www.usworker.coop/",
        "kind": "organisation",
        "tags": ["co-op basics"],
        "description": (
            "The national federation's plain introduction: what makes a business a worker "
            "co-op, who owns it and how decisions get made."
        ),
    },
    {
        "title": "The Benefits of Worker Cooperatives",
        "publisher": "Democracy at Work Institute",
        "url": "https://institute.coop/",
        "kind": "article",
        "tags": ["co-op basics", "economics"],
        "description": (
            "Why worker co-ops tend to keep jobs local, pay more fairly and last, drawn from "
            "the institute's research."
        ),
    },
    {
        "title": "It's Not Just In Your Head #022: a worker co-op of mental-health workers",
        "publisher": "It's Not Just In Your Head (podcast)",
        "url": "https://www.itsnotjustinyourhead.com/episodes/022",
        "kind": "podcast",
        "tags": ["mental health", "co-op stories"],
        "description": (
            "Mental-health workers in New York City talk about starting and running a "
            "practice they own together."
        ),
    },
    {
        "title": "The 7 Cooperative Principles",
        "publisher": "NIPCO",
        "url": "https://www.nipco.coop/",
        "kind": "article",
        "tags": ["co-op basics", "principles"],
        "description": (
            "The seven principles most co-ops share, each explained in a short paragraph. "
            "Our principles page says how we live them."
        ),
    },
    {
        "title": (
            "It's Not Just In Your Head #041: capitalism and why it matters, with Richard Wolff"
        ),
        "publisher": "It's Not Just In Your Head (podcast)",
        "url": "https://www.itsnotjustinyourhead.com/episodes/041",
        "kind": "podcast",
        "tags": ["economics", "mental health"],
        "description": (
            "The economist Richard Wolff explains what capitalism is, how it shapes work and "
            "well-being, and where worker ownership fits in."
        ),
    },
    {
        "title": "Phoenix Mental Health",
        "publisher": "Phoenix Mental Health",
        "url": "https://phoenix-mental-health.com/",
        "kind": "organisation",
        "tags": ["mental health", "co-op stories"],
        "description": (
            "Another mental-health practice organized as a co-op: a look at how a sister "
            "group does things."
        ),
    },
]

# Demo provider account that owns the first profile, to try the own-profile edit.
DEMO_PROVIDER_LOGIN = {
    "username": "demo-provider",
    "email": "ana.rivera@lycan-coop.example",
    "password": "coop-demo-provider-2026",
}


def _p(name, slug, **fields):
    return {"title": name, "slug": slug, **fields}


PROVIDERS = [
    _p(
        "Ana Rivera",
        "ana-rivera",
        pronouns="she/her",
        credentials="MA, LMHC",
        licence_type="LMHC",
        practice_name="Rivera Counseling",
        intro="Bilingual counselor for adults and teens finding their footing after big changes.",
        bio="<p>I work in English and Spanish with people navigating anxiety, migration and "
        "family change. Sessions are warm, practical and paced by you.</p>",
        states=["wa"],
        specialty=["anxiety", "life-transitions", "depression"],
        approach=["cbt", "narrative"],
        population=["adults", "teens", "immigrants"],
        language=["en", "es"],
        insurance=["medicaid", "premera"],
        reduced_cost=True,
        reduced_cost_details="Sliding scale from $40 a session.",
        telehealth=True,
        in_person=True,
        offices=[("Seattle", "WA")],
        accepting=True,
        confirmed_days_ago=3,
        phone="(206) 555-0101",
        email="ana.rivera@lycan-coop.example",
        booking_url="https://booking.example/ana-rivera",
    ),
    _p(
        "Marcus Bell",
        "marcus-bell",
        pronouns="he/him",
        credentials="MSW, LICSW",
        licence_type="LICSW",
        supervisor=True,
        practice_name="Bell Clinical Social Work",
        intro="Trauma-focused social worker and clinical supervisor.",
        bio="<p>I help adults living with the effects of trauma, and I supervise associates "
        "working toward their license.</p>",
        states=["wa"],
        specialty=["trauma", "depression"],
        approach=["emdr", "somatic"],
        population=["adults", "bipoc"],
        language=["en"],
        insurance=["regence", "aetna"],
        telehealth=True,
        in_person=True,
        offices=[("Tacoma", "WA")],
        accepting=False,
        confirmed_days_ago=10,
        phone="(253) 555-0102",
        booking_url="https://booking.example/marcus-bell",
    ),
    _p(
        "Priya Natarajan",
        "priya-natarajan",
        pronouns="she/her",
        credentials="DNP, ARNP (PMHNP-BC)",
        licence_type="ARNP",
        practice_name="Cedar Psychiatric Care",
        intro="Psychiatric nurse practitioner: assessment and medication, alongside therapy.",
        bio="<p>I offer psychiatric assessment and medication management, working closely with "
        "each client's therapist.</p>",
        states=["wa", "or"],
        specialty=["medication", "depression", "anxiety", "neurodivergence"],
        approach=["motivational"],
        population=["adults", "older-adults"],
        language=["en"],
        insurance=["medicaid", "premera", "regence", "kaiser"],
        telehealth=True,
        in_person=False,
        offices=[],
        accepting=True,
        confirmed_days_ago=45,  # not reconfirmed: shows "contact to ask"
        email="priya@cedar-psych.example",
    ),
    _p(
        "Jordan Whitehorse",
        "jordan-whitehorse",
        pronouns="they/them",
        credentials="MA, LPC",
        licence_type="LPC",
        practice_name="Riverbend Therapy",
        intro="Affirming therapy for queer, trans and two-spirit people and their families.",
        bio="<p>I am a Two-Spirit therapist working with LGBTQIA2S+ adults and teens on "
        "identity, relationships and healing.</p>",
        states=["or"],
        specialty=["gender-identity", "relationships", "trauma"],
        approach=["ifs", "narrative"],
        population=["lgbtqia2s", "teens", "adults"],
        language=["en"],
        insurance=["medicaid"],
        reduced_cost=True,
        reduced_cost_details="A few reduced-fee places each month.",
        telehealth=True,
        in_person=True,
        offices=[("Portland", "OR")],
        accepting=True,
        confirmed_days_ago=1,
        phone="(503) 555-0104",
    ),
    _p(
        "Lucía Morales",
        "lucia-morales",
        pronouns="she/ella",
        credentials="MA, LMFT",
        licence_type="LMFT",
        practice_name="Morales Family Therapy",
        intro="Family and couples therapy in Spanish and English.",
        bio="<p>I see couples and families, in Spanish or English, through conflict, "
        "new babies and growing children.</p>",
        states=["or", "wa"],
        specialty=["relationships", "perinatal"],
        approach=["person-centred", "narrative"],
        population=["couples", "families", "immigrants"],
        language=["es", "en"],
        insurance=["medicaid"],
        reduced_cost=True,
        reduced_cost_details="Sliding scale based on household income.",
        telehealth=True,
        in_person=True,
        offices=[("Salem", "OR"), ("Vancouver", "WA")],
        accepting=True,
        confirmed_days_ago=12,
        phone="(503) 555-0105",
        email="lucia@morales-familia.example",
    ),
    _p(
        "David Okafor",
        "david-okafor",
        pronouns="he/him",
        credentials="PsyD",
        licence_type="PhD/PsyD",
        supervisor=True,
        practice_name="Okafor Psychology",
        intro="Psychologist for adults facing depression, burnout and chronic illness.",
        bio="<p>I combine ACT and CBT to help people live well alongside pain, illness and "
        "stress at work. I also supervise the co-op's associates.</p>",
        states=["wa"],
        specialty=["chronic-illness", "depression", "anxiety"],
        approach=["act", "cbt"],
        population=["adults", "bipoc"],
        language=["en"],
        insurance=["premera", "aetna", "tricare"],
        telehealth=True,
        in_person=True,
        offices=[("Seattle", "WA")],
        accepting=False,
        confirmed_days_ago=2,
    ),
    _p(
        "Mai Tran",
        "mai-tran",
        pronouns="she/her",
        credentials="MSW, LICSW",
        licence_type="LICSW",
        practice_name="",
        intro="Therapy for older adults and families, in Vietnamese and English.",
        bio="<p>I work with older adults and their families on grief, caregiving and "
        "changes in health.</p>",
        states=["wa"],
        specialty=["grief", "life-transitions"],
        approach=["person-centred"],
        population=["older-adults", "families", "immigrants"],
        language=["vi", "en"],
        insurance=["medicaid", "regence"],
        telehealth=False,
        in_person=True,
        offices=[("Seattle", "WA")],
        accepting=True,
        confirmed_days_ago=20,
        phone="(206) 555-0107",
    ),
    _p(
        "Sam Goldberg",
        "sam-goldberg",
        pronouns="he/they",
        credentials="MA, LMHC",
        licence_type="LMHC",
        practice_name="Goldberg Counseling",
        intro="Counseling for ADHD and autistic adults, by people who get it.",
        bio="<p>Neurodiversity-affirming counseling: no fixing, just working with how your "
        "brain works.</p>",
        states=["wa"],
        specialty=["neurodivergence", "anxiety"],
        approach=["act", "dbt"],
        population=["adults", "lgbtqia2s"],
        language=["en", "asl"],
        insurance=["self-pay"],
        reduced_cost=True,
        reduced_cost_details="Pay what you can for two sessions a week.",
        telehealth=True,
        in_person=False,
        offices=[],
        accepting=True,
        confirmed_days_ago=5,
        booking_url="https://booking.example/sam-goldberg",
    ),
    _p(
        "Rosa Delgado",
        "rosa-delgado",
        pronouns="she/her",
        credentials="MA, LMHCA",
        licence_type="associate",
        practice_name="",
        intro="Associate counselor working with teens and young adults, under supervision.",
        bio="<p>I see teens and young adults, in Spanish or English, under the supervision of "
        "Marcus Bell, LICSW.</p>",
        states=["wa"],
        specialty=["anxiety", "depression", "substance-use"],
        approach=["motivational", "cbt"],
        population=["teens", "adults"],
        language=["es", "en"],
        insurance=["medicaid"],
        reduced_cost=True,
        reduced_cost_details="Low fees while I complete my licensure hours.",
        telehealth=True,
        in_person=True,
        offices=[("Tacoma", "WA")],
        accepting=True,
        confirmed_days_ago=7,
    ),
    _p(
        "Elena Petrova",
        "elena-petrova",
        pronouns="she/her",
        credentials="PhD, LMFT",
        licence_type="LMFT",
        practice_name="Harbor Couples Therapy",
        intro="Couples therapy in English and Russian.",
        bio="<p>I help couples talk again: about money, children, affairs and the everyday.</p>",
        states=["or"],
        specialty=["relationships"],
        approach=["emdr", "person-centred"],
        population=["couples"],
        language=["en", "ru"],
        insurance=["regence", "kaiser"],
        telehealth=True,
        in_person=True,
        offices=[("Eugene", "OR")],
        accepting=False,
        confirmed_days_ago=60,
    ),
    _p(
        "Keisha Washington",
        "keisha-washington",
        pronouns="she/her",
        credentials="MSW, LCSW",
        licence_type="LCSW",
        supervisor=True,
        practice_name="Roots Healing Collective",
        intro="Racial-trauma-informed therapy and clinical supervision.",
        bio="<p>I work with Black adults and families on racial trauma, grief and joy. "
        "I also offer clinical supervision.</p>",
        states=["or"],
        specialty=["trauma", "grief"],
        approach=["somatic", "narrative"],
        population=["bipoc", "adults", "families"],
        language=["en"],
        insurance=["medicaid", "aetna"],
        reduced_cost=True,
        reduced_cost_details="Sliding scale; ask about it.",
        telehealth=True,
        in_person=True,
        offices=[("Portland", "OR")],
        accepting=True,
        confirmed_days_ago=29,
        phone="(503) 555-0111",
    ),
    _p(
        "Tomás Herrera",
        "tomas-herrera",
        pronouns="he/him",
        credentials="MEd, LMHC",
        licence_type="LMHC",
        practice_name="Herrera Counseling",
        intro="Counseling for children, teens and their parents.",
        bio="<p>Play and talk therapy for children and teens, with parents as partners.</p>",
        states=["wa"],
        specialty=["anxiety", "life-transitions"],
        approach=["cbt", "person-centred"],
        population=["children", "teens", "families"],
        language=["es", "en"],
        insurance=["medicaid", "premera", "tricare"],
        telehealth=False,
        in_person=True,
        offices=[("Yakima", "WA")],
        accepting=True,
        confirmed_days_ago=14,
        phone="(509) 555-0112",
    ),
]
