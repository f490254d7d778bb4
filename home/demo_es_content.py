"""The demo site in Spanish: the translation of every English demo string, for home/demo_es.py.

Written by a person for the co-op's Spanish-reading clients (usted, Latin American and US
Spanish), not machine output. Each entry is keyed by the English text exactly as
wagtail-localize splits it into segments (one paragraph or list item of rich text at a time,
with links written `<a id="a1">`), so this file reads like a translation memory: an editor can
change the Spanish here before the demo is loaded, or in the admin's translation editor after.

Strings that are names rather than words (people, practices, publishers, phone numbers,
credentials) are kept as they are; see `KEEP_AS_IS` in home/demo_es.py.
"""

SPANISH = {
    # --- Site-wide words (SiteText snippet) --------------------------------------------------
    '<b>In crisis?</b> Call or text <a id="a1">988</a> (Suicide &amp; Crisis Lifeline), any '
    'time, day or night. In an emergency, call <a id="a2">911</a>. This website cannot respond '
    "to emergencies.": '<b>¿En crisis?</b> Llame o envíe un mensaje de texto al <a id="a1">988</a> '
    "(Línea de Prevención del Suicidio y Crisis, con atención en español), a cualquier hora del "
    'día o de la noche. En una emergencia, llame al <a id="a2">911</a>. Este sitio web no puede '
    "responder a emergencias.",
    "A worker co-op of independent, licensed mental-health providers. Each of us runs our own "
    "practice; together we share costs, tools, training and a voice.": "Una cooperativa de "
    "trabajadores formada por profesionales de salud mental independientes y con licencia. Cada "
    "uno dirige su propia práctica; juntos compartimos gastos, herramientas, capacitación y una "
    "voz.",
    # --- Home page -----------------------------------------------------------------------------
    "home": "inicio",
    "Therapy from providers who run their practice together": "Terapia con profesionales que "
    "dirigen juntos su práctica",
    "We are independent therapists, counselors and nurse practitioners who share our costs, our "
    "tools and every decision as equals. Find a provider, or learn how a worker co-op works.": (
        "Somos terapeutas, consejeros y enfermeros practicantes independientes que compartimos "
        "los gastos, las herramientas y cada decisión en igualdad de condiciones. Encuentre a un "
        "profesional o conozca cómo funciona una cooperativa de trabajadores."
    ),
    "Find a provider": "Encuentre a un profesional",
    "Search by specialty, insurance (Medicaid included), language, cost and whether they are "
    "taking new clients.": "Busque por especialidad, seguro médico (incluido Medicaid), idioma, "
    "costo y si el profesional está aceptando clientes nuevos.",
    "What is a co-op?": "¿Qué es una cooperativa?",
    "Plain answers about worker co-ops and what this one means for the people who work here and "
    "the people they see.": "Respuestas claras sobre las cooperativas de trabajadores y lo que "
    "esta cooperativa significa para quienes trabajan aquí y para las personas que atienden.",
    "How we work": "Cómo trabajamos",
    "The seven cooperative principles, and what each one looks like in our group day to day.": (
        "Los siete principios cooperativos y cómo se vive cada uno en nuestro grupo día a día."
    ),
    "Further reading": "Para saber más",
    "Organizations, podcasts and articles about worker ownership that we found useful.": (
        "Organizaciones, pódcasts y artículos sobre cooperativas de trabajadores que nos han "
        "sido útiles."
    ),
    "Are you a licensed provider?": "¿Es usted un profesional con licencia?",
    "Keep your own practice and your own clinical judgment, and share the costs and the "
    "decisions with colleagues who have an equal say.": "Conserve su propia práctica y su propio "
    "criterio clínico, y comparta los gastos y las decisiones con colegas que tienen la misma "
    "voz que usted.",
    "Learn about joining": "Conozca cómo unirse",
    # --- FAQ -----------------------------------------------------------------------------------
    "faq": "preguntas-frecuentes",
    "Questions about co-ops": "Preguntas sobre las cooperativas",
    "Co-op FAQ": "Preguntas frecuentes",
    "What a worker co-op is, how it differs from other businesses, and what it means in a "
    "mental-health practice. Select a question to read its answer.": "Qué es una cooperativa de "
    "trabajadores, en qué se diferencia de otras empresas y qué significa en una práctica de "
    "salud mental. Seleccione una pregunta para leer la respuesta.",
    "what-is-a-co-op": "que-es-una-cooperativa",
    "A cooperative is a business owned and run by the people it serves. In a <b>worker</b> "
    "co-op, that means the people who do the work. There is no boss above the group: the "
    "members make decisions together, share the costs and share whatever money is left over.": (
        "Una cooperativa es una empresa que pertenece a las personas a quienes sirve y que ellas "
        "mismas dirigen. En una cooperativa de <b>trabajadores</b>, esas personas son quienes "
        "hacen el trabajo. No hay un jefe por encima del grupo: los socios toman las decisiones "
        "juntos, comparten los gastos y se reparten el dinero que sobre."
    ),
    "How do other businesses differ from a co-op?": "¿En qué se diferencian otras empresas de "
    "una cooperativa?",
    "how-do-other-businesses-differ-from-a-co-op": "en-que-se-diferencian-otras-empresas",
    "Most businesses are hierarchies. Owners or managers decide, and everyone else carries the "
    "decisions out. In a co-op, control is democratic: each member has one vote, whatever their "
    "role or how long they have been here.": "La mayoría de las empresas son jerárquicas: los "
    "dueños o los gerentes deciden, y los demás llevan a cabo esas decisiones. En una "
    "cooperativa, el control es democrático: cada socio tiene un voto, sin importar su puesto "
    "ni cuánto tiempo lleve aquí.",
    "How does a co-op address marginalization and oppression?": "¿Cómo enfrenta una cooperativa "
    "la marginación y la opresión?",
    "how-does-a-co-op-address-marginalization-and-oppression": "marginacion-y-opresion",
    "When everyone has an equal voice, no one can hold power over another person's workload or "
    "pay, and concerns such as harassment are handled by peers who are accountable to each other "
    "rather than by a single manager.": "Cuando todas las personas tienen la misma voz, nadie "
    "puede tener poder sobre la carga de trabajo o el pago de otra, y los problemas como el "
    "acoso los atienden colegas que se rinden cuentas entre sí, no un solo gerente.",
    "A co-op is not a cure-all. The people in it still bring the biases of the world around "
    "them, and they still have to do the work of noticing and changing them. The structure makes "
    "that work possible; it does not do it for us.": "Una cooperativa no lo resuelve todo. Sus "
    "integrantes siguen cargando con los prejuicios del mundo que los rodea, y siguen teniendo "
    "que esforzarse por reconocerlos y cambiarlos. La estructura hace posible ese trabajo; no "
    "lo hace por nosotros.",
    "So does everyone make the same wage?": "Entonces, ¿todos ganan lo mismo?",
    "so-does-everyone-make-the-same-wage": "todos-ganan-lo-mismo",
    "Not necessarily. The group decides pay together and in the open, and the same job earns the "
    "same pay. Here, each provider runs an independent practice and keeps what they earn from "
    "it; what we share equally are the costs of running the group.": "No necesariamente. El "
    "grupo decide la remuneración en conjunto y de forma abierta, y el mismo trabajo recibe el "
    "mismo pago. Aquí, cada profesional tiene una práctica independiente y conserva lo que gana "
    "con ella; lo que compartimos en partes iguales son los gastos de funcionamiento del grupo.",
    "My workplace isn't a co-op but treats people well. Is a co-op worth it?": "Mi lugar de "
    "trabajo no es una cooperativa, pero trata bien a la gente. ¿Vale la pena una cooperativa?",
    "my-workplace-isnt-a-co-op-but-treats-people-well-is-a-co-op-worth-it": (
        "vale-la-pena-una-cooperativa"
    ),
    "Good employers exist. But benefits that one person or one owner grants can also be taken "
    "away by that person. In a co-op, the conditions of the work belong to the people doing it, "
    "and changing them takes a vote.": "Hay buenos empleadores. Pero los beneficios que concede "
    "una persona o un dueño también puede quitarlos esa misma persona. En una cooperativa, las "
    "condiciones de trabajo pertenecen a quienes hacen el trabajo, y para cambiarlas hace falta "
    "una votación.",
    "What can a co-op look like in a mental-health business?": "¿Cómo puede ser una cooperativa "
    "en un servicio de salud mental?",
    "what-can-a-co-op-look-like-in-a-mental-health-business": "cooperativa-en-salud-mental",
    "Roles still exist: someone does the billing, someone supervises clinicians in training. "
    "What changes is that each person has an equal voice in how the group is run.": "Los puestos "
    "siguen existiendo: alguien se encarga de la facturación, alguien supervisa a los clínicos "
    "en formación. Lo que cambia es que cada persona tiene la misma voz en la manera de dirigir "
    "el grupo.",
    "Clinical decisions stay with the people qualified to make them. The group decides together "
    "which therapy models and trainings it promotes and helps pay for.": "Las decisiones clínicas "
    "quedan en manos de quienes están capacitados para tomarlas. El grupo decide en conjunto qué "
    "modelos de terapia y qué capacitaciones promueve y ayuda a pagar.",
    "Where can I learn more?": "¿Dónde puedo aprender más?",
    "where-can-i-learn-more": "donde-puedo-aprender-mas",
    'Our <a id="a1">resources page</a> lists organizations, podcasts and articles about worker '
    "ownership, including another mental-health co-op, and where to find help if you need it "
    "now.": 'Nuestra <a id="a1">página de recursos</a> reúne organizaciones, pódcasts y '
    "artículos sobre cooperativas de trabajadores, entre ellos otra cooperativa de salud "
    "mental, y dónde encontrar ayuda si la necesita ahora.",
    "How does this group practice the co-op model?": "¿Cómo pone en práctica este grupo el "
    "modelo cooperativo?",
    "how-does-this-group-practice-the-co-op-model": "como-practicamos-el-modelo-cooperativo",
    "We follow the seven cooperative principles that co-ops around the world share. Our "
    '<a id="a1">principles page</a> explains each one and what it looks like in our '
    "practice.": "Seguimos los siete principios cooperativos que comparten las cooperativas de "
    'todo el mundo. Nuestra <a id="a1">página de principios</a> explica cada uno y cómo se '
    "vive en nuestra práctica.",
    # --- Principles ----------------------------------------------------------------------------
    "principles": "principios",
    "How we live the seven cooperative principles": "Cómo vivimos los siete principios "
    "cooperativos",
    "Our principles": "Nuestros principios",
    "Co-ops around the world share seven principles. Here is what each one means, and what it "
    "looks like in our group.": "Las cooperativas de todo el mundo comparten siete principios. "
    "Aquí explicamos qué significa cada uno y cómo se vive en nuestro grupo.",
    "Voluntary and open membership": "Membresía voluntaria y abierta",
    "voluntary-and-open-membership": "membresia-voluntaria-y-abierta",
    "Anyone who can do the work and accepts the responsibilities of membership may join, without "
    "discrimination, and anyone may leave.": "Cualquier persona que pueda hacer el trabajo y "
    "acepte las responsabilidades de ser socia puede unirse, sin discriminación, y cualquiera "
    "puede retirarse.",
    "Any provider may end their contract at any time, for any reason.": "Cualquier profesional "
    "puede terminar su contrato en cualquier momento y por cualquier motivo.",
    "Every contract says plainly what leaving means.": "Cada contrato explica con claridad qué "
    "implica retirarse.",
    "All contracts and procedures are shared with a provider before they sign.": "Todos los "
    "contratos y procedimientos se comparten con el profesional antes de que firme.",
    "The parent company's relevant finances are open to any provider who asks.": "Las finanzas "
    "pertinentes de la empresa matriz están a disposición de cualquier profesional que las "
    "solicite.",
    "Democratic member control": "Control democrático de los socios",
    "democratic-member-control": "control-democratico-de-los-socios",
    "Members control the co-op and take part in setting its policies and making its decisions, "
    "one member, one vote.": "Los socios controlan la cooperativa y participan en la definición "
    "de sus políticas y en la toma de decisiones: un socio, un voto.",
    "Every provider agrees to the Co-Op Procedures manual. Members vote on administrative "
    "staffing and staff pay, changes to the manual, bringing on new providers and ending a "
    "provider's contract.": "Todos los profesionales aceptan el manual de Procedimientos de la "
    "Cooperativa. Los socios votan sobre el personal administrativo y su salario, los cambios "
    "al manual, la incorporación de nuevos profesionales y la terminación del contrato de un "
    "profesional.",
    "The manual even sets out how the group can carry on without the parent company, which the "
    "members can vote to remove.": "El manual incluso establece cómo puede seguir adelante el "
    "grupo sin la empresa matriz, que los socios pueden decidir por votación dejar atrás.",
    "Member economic participation": "Participación económica de los socios",
    "member-economic-participation": "participacion-economica-de-los-socios",
    "Members contribute fairly to the co-op's costs and control its money democratically.": (
        "Los socios contribuyen de manera justa a los gastos de la cooperativa y controlan su "
        "dinero de forma democrática."
    ),
    "Each provider pays an equal monthly share of the shared expenses the group has agreed on. "
    "Buying together costs each of us less.": "Cada profesional paga cada mes una parte igual de "
    "los gastos compartidos que el grupo ha acordado. Comprar en conjunto nos cuesta menos a "
    "cada uno.",
    "The fee is looked at again every six months, or sooner when staffing changes. The parent "
    "company makes no profit: whatever is collected beyond the real costs goes back to the "
    "providers at the end of each cycle, in proportion to what each paid.": "La cuota se revisa "
    "cada seis meses, o antes si cambia el personal. La empresa matriz no obtiene ganancias: lo "
    "que se recauda por encima de los costos reales se devuelve a los profesionales al final de "
    "cada ciclo, en proporción a lo que pagó cada uno.",
    "Autonomy and independence": "Autonomía e independencia",
    "autonomy-and-independence": "autonomia-e-independencia",
    "Co-ops are self-governing, and stay under their members' control in any agreement with "
    "others.": "Las cooperativas se gobiernan a sí mismas y siguen bajo el control de sus socios "
    "en cualquier acuerdo con terceros.",
    "Each practice is legally independent. Every provider decides their own hours, clients, time "
    "off and clinical work, and no provider has power over another. A provider may buy services "
    "outside the group whenever they choose.": "Cada práctica es legalmente independiente. Cada "
    "profesional decide su horario, sus clientes, sus días libres y su trabajo clínico, y ningún "
    "profesional tiene poder sobre otro. Cualquier profesional puede contratar servicios fuera "
    "del grupo cuando lo desee.",
    "Education, training and information": "Educación, formación e información",
    "education-training-and-information": "educacion-formacion-e-informacion",
    "Co-ops educate their members and tell the wider public what co-ops are and why they "
    "matter.": "Las cooperativas educan a sus socios y explican al público en general qué son "
    "las cooperativas y por qué son importantes.",
    "Group rates for continuing education (CE).": "Tarifas de grupo para la educación continua.",
    "Trainings led by the group's own supervisors.": "Capacitaciones dirigidas por los propios "
    "supervisores del grupo.",
    "CE offered through our insurance contracts.": "Educación continua ofrecida a través de "
    "nuestros contratos con las aseguradoras.",
    "Monthly peer consultation.": "Consulta mensual entre colegas.",
    "Teaching other providers and our community about co-ops, through tabling and "
    "organizing.": "Enseñar a otros profesionales y a nuestra comunidad qué son las "
    "cooperativas, con mesas informativas y trabajo de organización.",
    "Cooperation among cooperatives": "Cooperación entre cooperativas",
    "cooperation-among-cooperatives": "cooperacion-entre-cooperativas",
    "Co-ops serve their members best by working with other co-ops.": "Las cooperativas sirven "
    "mejor a sus socios cuando trabajan con otras cooperativas.",
    "Our manual prefers buying from other co-ops. Each provider runs their own practice as close "
    "to a co-op as they can, and tells the group how.": "Nuestro manual da preferencia a las "
    "compras a otras cooperativas. Cada profesional dirige su propia práctica de la forma más "
    "cooperativa que puede, y le cuenta al grupo cómo lo hace.",
    "Concern for community": "Compromiso con la comunidad",
    "concern-for-community": "compromiso-con-la-comunidad",
    "Co-ops work for the lasting good of the communities around them.": "Las cooperativas "
    "trabajan por el bienestar duradero de las comunidades que las rodean.",
    "We practice in ways that are anti-oppressive, LGBTQIA2S+-affirming, neurodiversity-affirming "
    "and committed to racial justice, including Black Lives Matter. We encourage every provider "
    "to accept Medicaid or to offer reduced-cost care.": "Trabajamos de manera antiopresiva, "
    "afirmativa de las personas LGBTQIA2S+ y de la neurodiversidad, y comprometida con la justicia "
    "racial, incluido el movimiento Black Lives Matter. Animamos a cada profesional a aceptar "
    "Medicaid o a ofrecer atención a costo reducido.",
    # --- About us ------------------------------------------------------------------------------
    "about": "quienes-somos",
    "About us": "Quiénes somos",
    "A group practice of independent providers, run as a worker co-op.": "Una práctica de grupo "
    "de profesionales independientes, organizada como cooperativa de trabajadores.",
    "We are licensed therapists, counselors, supervisors and an advanced registered nurse "
    "practitioner (ARNP). Each of us owns an independent practice. Together we share an office "
    "team, an electronic health record and insurance billing service, liability insurance, "
    "training and a voice in how all of it is run.": "Somos terapeutas, consejeros y "
    "supervisores con licencia, y una enfermera practicante registrada avanzada (ARNP). Cada "
    "uno de nosotros es dueño de una práctica independiente. Juntos compartimos un equipo de "
    "oficina, un expediente clínico electrónico y un servicio de facturación a los seguros, un "
    "seguro de responsabilidad profesional, capacitación y voz en cómo se maneja todo.",
    "A parent company, Lycan Counseling, holds the group's shared accounts and signs a provider "
    "services agreement with each provider. It makes no profit, and the members can vote to go "
    "on without it.": "Una empresa matriz, Lycan Counseling, administra las cuentas compartidas "
    "del grupo y firma un acuerdo de prestación de servicios con cada profesional. No obtiene "
    "ganancias, y los socios pueden votar para seguir adelante sin ella.",
    "No one here holds power over another person's workload or pay. We decide together.": (
        "Aquí nadie tiene poder sobre la carga de trabajo ni el pago de otra persona. Decidimos "
        "juntos."
    ),
    "A member of the co-op": "Integrante de la cooperativa",
    # --- Join us -------------------------------------------------------------------------------
    "join-us": "unase",
    "Join us": "Únase a nosotros",
    "For licensed mental-health providers who want their own practice and a real say in the "
    "group around it.": "Para profesionales de salud mental con licencia que quieren tener su "
    "propia práctica y voz de verdad en el grupo que la rodea.",
    "What joining means": "Qué significa unirse",
    "You keep your own practice: your hours, your clients, your clinical judgment.": "Usted "
    "conserva su propia práctica: su horario, sus clientes, su criterio clínico.",
    "You pay an equal share of the costs the group has agreed on, and get back your share of "
    "anything not spent.": "Usted paga una parte igual de los gastos que el grupo ha acordado, y "
    "recibe de vuelta su parte de lo que no se gaste.",
    "You have one vote, the same as every other provider, on staffing, pay, the procedures "
    "manual and who joins.": "Usted tiene un voto, igual que cualquier otro profesional, sobre el "
    "personal, los salarios, el manual de procedimientos y quién se une.",
    "You can leave whenever you choose.": "Usted puede retirarse cuando lo decida.",
    "How to apply": "Cómo presentar su solicitud",
    "Read the provider services agreement and the Co-Op Procedures manual before anything is "
    "signed, then send the application below. The members vote on every application; you can "
    "follow yours, and withdraw it, at any time.": "Lea el acuerdo de prestación de servicios y "
    "el manual de Procedimientos de la Cooperativa antes de firmar nada, y después envíe la "
    "solicitud de abajo. Los socios votan cada solicitud; usted puede seguir la suya, y "
    "retirarla, en cualquier momento.",
    # --- Contact -------------------------------------------------------------------------------
    "contact": "contacto",
    "Contact": "Contacto",
    "How to reach the co-op. To book a session, contact a provider directly through the "
    "directory.": "Cómo comunicarse con la cooperativa. Para reservar una sesión, comuníquese "
    "directamente con un profesional a través del directorio.",
    "Please don't send health information by email or through this website. Call, or ask a "
    "provider for a secure way to share it.": "Por favor, no envíe información de salud por "
    "correo electrónico ni a través de este sitio web. Llámenos, o pídale a un profesional una "
    "forma segura de compartirla.",
    # --- Resources -----------------------------------------------------------------------------
    "resources": "recursos",
    "Where to find help right away, and the organizations, podcasts and reading about worker "
    "ownership that helped us. Each link leads to another site.": "Dónde encontrar ayuda de "
    "inmediato, y las organizaciones, pódcasts y lecturas sobre cooperativas de trabajadores "
    "que nos han ayudado. Cada enlace lleva a otro sitio.",
    # The help lines serve callers in Spanish, so their titles are translated too; the other
    # links (and Crisis Text Line, a name) keep the title their publisher gives them.
    "988 Suicide &amp; Crisis Lifeline": "988 Línea de Prevención del Suicidio y Crisis",
    "211: local help with housing, food and bills": "211: ayuda local con vivienda, comida y "
    "facturas",
    "NAMI HelpLine": "Línea de Ayuda de NAMI",
    "Call or text 988, or chat online, any time of day, for free and in confidence. Help is "
    "available in Spanish and in more than 200 other languages.": "Llame o envíe un mensaje "
    "de texto al 988, o chatee en línea, a cualquier hora, gratis y de forma confidencial. Hay "
    "atención en español y en más de 200 idiomas.",
    "Dial 211 to reach a local specialist who finds services near you: housing, food, utility "
    "bills, and mental-health and substance-use support.": "Marque 211 para hablar con una "
    "persona de su zona que encuentra servicios cerca de usted: vivienda, comida, facturas de "
    "servicios, y apoyo en salud mental y consumo de sustancias.",
    "Free information, support and referrals for people living with a mental-health condition "
    "and for the people who care about them, on weekdays.": "Información, apoyo y derivaciones "
    "gratuitas para personas con una condición de salud mental y para quienes las cuidan, de "
    "lunes a viernes.",
    "Text HOME to 741741 to reach a trained crisis counselor at any hour. Text AYUDA to 741741 "
    "for help in Spanish.": "Envíe AYUDA al 741741 para hablar por mensaje de texto con una "
    "persona capacitada en crisis, a cualquier hora y en español.",
    "The national federation's plain introduction: what makes a business a worker co-op, who "
    "owns it and how decisions get made.": "La introducción sencilla de la federación nacional: "
    "qué hace que una empresa sea una cooperativa de trabajadores, a quién pertenece y cómo se "
    "toman las decisiones.",
    "Why worker co-ops tend to keep jobs local, pay more fairly and last, drawn from the "
    "institute's research.": "Por qué las cooperativas de trabajadores suelen mantener los "
    "empleos en la comunidad, pagar de forma más justa y durar más, según las investigaciones "
    "del instituto.",
    "Mental-health workers in New York City talk about starting and running a practice they own "
    "together.": "Trabajadores de salud mental de la ciudad de Nueva York cuentan cómo fundaron "
    "y cómo dirigen una práctica que les pertenece a todos.",
    "The seven principles most co-ops share, each explained in a short paragraph. Our principles "
    "page says how we live them.": "Los siete principios que comparten la mayoría de las "
    "cooperativas, cada uno explicado en un párrafo breve. Nuestra página de principios cuenta "
    "cómo los vivimos.",
    "The economist Richard Wolff explains what capitalism is, how it shapes work and well-being, "
    "and where worker ownership fits in.": "El economista Richard Wolff explica qué es el "
    "capitalismo, cómo influye en el trabajo y el bienestar, y qué lugar ocupan las "
    "cooperativas de trabajadores.",
    "Another mental-health practice organized as a co-op: a look at how a sister group does "
    "things.": "Otra práctica de salud mental organizada como cooperativa: una mirada a cómo "
    "trabaja un grupo hermano.",
    # --- Provider directory and the demo profiles ----------------------------------------------
    "directory": "directorio",
    "Every provider here runs an independent practice and belongs to the co-op. Filter by what "
    "matters to you; nothing you choose is recorded or shared.": "Cada profesional de este "
    "directorio tiene una práctica independiente y forma parte de la cooperativa. Filtre según "
    "lo que le importa; nada de lo que elija se guarda ni se comparte.",
    "she/her": "ella",
    "he/him": "él",
    "they/them": "elle",
    "she/ella": "ella",
    "he/they": "él/elle",
    "Bilingual counselor for adults and teens finding their footing after big changes.": (
        "Consejera bilingüe para adultos y adolescentes que buscan su camino después de grandes "
        "cambios."
    ),
    "I work in English and Spanish with people navigating anxiety, migration and family change. "
    "Sessions are warm, practical and paced by you.": "Trabajo en inglés y en español con "
    "personas que atraviesan la ansiedad, la migración y los cambios en la familia. Las sesiones "
    "son cálidas, prácticas y a su ritmo.",
    "Sliding scale from $40 a session.": "Escala móvil desde $40 por sesión.",
    "Trauma-focused social worker and clinical supervisor.": "Trabajador social especializado en "
    "trauma y supervisor clínico.",
    "I help adults living with the effects of trauma, and I supervise associates working toward "
    "their license.": "Ayudo a adultos que viven con los efectos del trauma, y superviso a "
    "asociados que se preparan para obtener su licencia.",
    "Psychiatric nurse practitioner: assessment and medication, alongside therapy.": "Enfermera "
    "practicante psiquiátrica: evaluación y medicamentos, junto con la terapia.",
    "I offer psychiatric assessment and medication management, working closely with each "
    "client's therapist.": "Ofrezco evaluación psiquiátrica y manejo de medicamentos, en "
    "estrecha colaboración con el terapeuta de cada cliente.",
    "Affirming therapy for queer, trans and two-spirit people and their families.": "Terapia "
    "afirmativa para personas queer, trans y dos espíritus, y para sus familias.",
    "I am a Two-Spirit therapist working with LGBTQIA2S+ adults and teens on identity, "
    "relationships and healing.": "Soy terapeuta Dos Espíritus y acompaño a adultos y "
    "adolescentes LGBTQIA2S+ en temas de identidad, relaciones y sanación.",
    "A few reduced-fee places each month.": "Algunos cupos con tarifa reducida cada mes.",
    "Family and couples therapy in Spanish and English.": "Terapia familiar y de pareja en "
    "español e inglés.",
    "I see couples and families, in Spanish or English, through conflict, new babies and growing "
    "children.": "Acompaño a parejas y familias, en español o en inglés, en los conflictos, la "
    "llegada de un bebé y el crecimiento de los hijos.",
    "Sliding scale based on household income.": "Escala móvil según los ingresos del hogar.",
    "Psychologist for adults facing depression, burnout and chronic illness.": "Psicólogo para "
    "adultos que enfrentan depresión, agotamiento laboral o enfermedades crónicas.",
    "I combine ACT and CBT to help people live well alongside pain, illness and stress at work. "
    "I also supervise the co-op's associates.": "Combino la terapia de aceptación y compromiso "
    "(ACT) y la terapia cognitivo-conductual (TCC) para ayudar a las personas a vivir bien con "
    "el dolor, la enfermedad y el estrés laboral. También superviso a los asociados de la "
    "cooperativa.",
    "Therapy for older adults and families, in Vietnamese and English.": "Terapia para adultos "
    "mayores y sus familias, en vietnamita y en inglés.",
    "I work with older adults and their families on grief, caregiving and changes in health.": (
        "Trabajo con adultos mayores y sus familias en el duelo, el cuidado de un ser querido y "
        "los cambios de salud."
    ),
    "Counseling for ADHD and autistic adults, by people who get it.": "Consejería para adultos "
    "con TDAH y adultos autistas, con profesionales que los entienden.",
    "Neurodiversity-affirming counseling: no fixing, just working with how your brain works.": (
        "Consejería afirmativa de la neurodiversidad: no se trata de arreglar nada, sino de "
        "trabajar con la forma en que funciona su cerebro."
    ),
    "Pay what you can for two sessions a week.": "Pague lo que pueda por dos sesiones a la semana.",
    "Associate counselor working with teens and young adults, under supervision.": "Consejera "
    "asociada que trabaja con adolescentes y adultos jóvenes, bajo supervisión.",
    "I see teens and young adults, in Spanish or English, under the supervision of Marcus Bell, "
    "LICSW.": "Atiendo a adolescentes y adultos jóvenes, en español o en inglés, bajo la "
    "supervisión de Marcus Bell, LICSW.",
    "Low fees while I complete my licensure hours.": "Tarifas bajas mientras completo mis horas "
    "para obtener la licencia.",
    "Couples therapy in English and Russian.": "Terapia de pareja en inglés y en ruso.",
    "I help couples talk again: about money, children, affairs and the everyday.": "Ayudo a las "
    "parejas a volver a hablar: del dinero, de los hijos, de las infidelidades y de la vida "
    "diaria.",
    "Racial-trauma-informed therapy and clinical supervision.": "Terapia informada sobre el "
    "trauma racial, y supervisión clínica.",
    "I work with Black adults and families on racial trauma, grief and joy. I also offer clinical "
    "supervision.": "Trabajo con adultos y familias negras en el trauma racial, el duelo y la "
    "alegría. También ofrezco supervisión clínica.",
    "Sliding scale; ask about it.": "Escala móvil; pregunte por ella.",
    "Counseling for children, teens and their parents.": "Consejería para niños, adolescentes y "
    "sus padres.",
    "Play and talk therapy for children and teens, with parents as partners.": "Terapia de juego "
    "y de conversación para niños y adolescentes, con los padres como aliados.",
}

# Topics of the Spanish resource links (the English tags, in Spanish).
TOPICS = {
    "help now": "ayuda inmediata",
    "co-op basics": "conceptos básicos",
    "economics": "economía",
    "mental health": "salud mental",
    "co-op stories": "historias de cooperativas",
    "principles": "principios",
}
