"""Demo events (content brief, "Events"): a year of monthly peer consultation, three CE
trainings (one full, with a waitlist, one already held with attendance recorded) and two
community tabling events, in English and Spanish. Dates are relative to the day the demo is
loaded, in the co-op's time zone, so it never shows only past events. Idempotent: what
exists is left as it is.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone
from wagtail.models import Locale

from home.demo import child_by_slug, publish_child
from home.demo_es import translate
from members.models import Member

from . import rsvp
from .models import RSVP, EventDateChange, EventIndexPage, EventKind, EventPage
from .schedule import pattern_starts

INDEX = {
    "title": "Events",
    "slug": "events",
    "intro": (
        "Peer consultation for members, continuing education and community events where "
        "we talk about co-ops."
    ),
}

OFFICE = "Lycan Counseling, 1201 Pine Street, Suite 300, Seattle, WA"

SPANISH = {
    "Events": "Eventos",
    "events": "eventos",
    INDEX["intro"]: (
        "Consulta entre pares para miembros, educación continua y eventos comunitarios "
        "donde hablamos de cooperativas."
    ),
    OFFICE: OFFICE,
    "Peer consultation evening": "Velada de consulta entre pares",
    "peer-consultation-evening": "velada-de-consulta-entre-pares",
    "Providers learn from one another and check that their practice is safe and affirming "
    "for every client.": (
        "Los proveedores aprenden unos de otros y comprueban que su práctica sea segura y "
        "afirmativa para cada cliente."
    ),
    "Bring a case question (without identifying details) or a question about practice. "
    "Members take turns leading.": (
        "Traiga una pregunta sobre un caso (sin datos que identifiquen a nadie) o sobre la "
        "práctica. Los miembros se turnan para dirigir."
    ),
    "The office has step-free access and an all-gender restroom. Online members join with "
    "captions on.": (
        "La oficina tiene acceso sin escalones y un baño para todos los géneros. Quienes se "
        "conectan en línea lo hacen con subtítulos."
    ),
    "Affirming care for neurodivergent adults": "Atención afirmativa para adultos neurodivergentes",
    "affirming-care-neurodivergent-adults": "atencion-afirmativa-adultos-neurodivergentes",
    "A three-hour training by one of the group's supervisors, for members.": (
        "Una capacitación de tres horas a cargo de una de las supervisoras del grupo, para "
        "miembros."
    ),
    "How to adapt assessment, pacing and the therapy room for neurodivergent clients, and "
    "how to avoid pathologizing difference.": (
        "Cómo adaptar la evaluación, el ritmo y el consultorio a clientes neurodivergentes, "
        "y cómo evitar patologizar la diferencia."
    ),
    "Ethics and boundaries in small group practices": (
        "Ética y límites en prácticas grupales pequeñas"
    ),
    "ethics-boundaries-small-practices": "etica-limites-practicas-pequenas",
    "Six CE hours with an outside trainer, at the group rate for members and open to any "
    "provider.": (
        "Seis horas de educación continua con un capacitador externo, con tarifa de grupo "
        "para miembros y abierta a cualquier proveedor."
    ),
    "Dual relationships, shared offices and peer accountability when nobody is the boss.": (
        "Relaciones duales, oficinas compartidas y responsabilidad entre pares cuando nadie "
        "es el jefe."
    ),
    "Jordan Lee, PhD": "Jordan Lee, PhD",
    "Seattle Central Library, 1000 4th Avenue, Seattle, WA": (
        "Seattle Central Library, 1000 4th Avenue, Seattle, WA"
    ),
    "Step-free entrance on 4th Avenue. Captioning on request.": (
        "Entrada sin escalones por 4th Avenue. Subtítulos a pedido."
    ),
    "Telehealth and safety planning": "Telesalud y planes de seguridad",
    "telehealth-safety-planning": "telesalud-planes-de-seguridad",
    "Two CE hours on safety planning with clients seen online.": (
        "Dos horas de educación continua sobre planes de seguridad con clientes atendidos en línea."
    ),
    "Co-ops at the farmers market": "Las cooperativas en el mercado de agricultores",
    "co-ops-farmers-market": "cooperativas-mercado-agricultores",
    "Come by our table: what a worker co-op is, and how a group practice can be one.": (
        "Pase por nuestra mesa: qué es una cooperativa de trabajo y cómo puede serlo una "
        "práctica grupal."
    ),
    "University District Farmers Market, 5031 University Way NE, Seattle, WA": (
        "University District Farmers Market, 5031 University Way NE, Seattle, WA"
    ),
    "Outdoors on a level street; the table is at wheelchair height. Spanish spoken.": (
        "Al aire libre en una calle llana; la mesa está a la altura de una silla de ruedas. "
        "Se habla español."
    ),
    "Co-ops at the community health fair": "Las cooperativas en la feria de salud comunitaria",
    "co-ops-community-health-fair": "cooperativas-feria-salud-comunitaria",
    "We shared a table with other co-ops and answered questions about worker ownership.": (
        "Compartimos una mesa con otras cooperativas y respondimos preguntas sobre la "
        "propiedad de los trabajadores."
    ),
    "Rainier Community Center, 4600 38th Avenue S, Seattle, WA": (
        "Rainier Community Center, 4600 38th Avenue S, Seattle, WA"
    ),
    "Indoors, step-free, with a quiet room.": (
        "En interiores, sin escalones, con una sala tranquila."
    ),
}


def _at(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute)).replace(tzinfo=timezone.get_default_timezone())


def _second_tuesday(today):
    first = today.replace(day=1)
    first_tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
    return first_tuesday + timedelta(days=7)


def _events(today):
    """The demo's events, as keyword arguments for EventPage (plus a few extras)."""
    members = {m.user.username: m for m in Member.objects.select_related("user")}
    robin = members.get("robin.lycan")
    consultation_day = _second_tuesday(today)
    held = max(today - timedelta(days=30), today.replace(month=1, day=1))
    return [
        {
            "kind": EventKind.CONSULTATION,
            "title": "Peer consultation evening",
            "slug": "peer-consultation-evening",
            "intro": "Providers learn from one another and check that their practice is safe "
            "and affirming for every client.",
            "body": "<p>Bring a case question (without identifying details) or a question "
            "about practice. Members take turns leading.</p>",
            "starts_at": _at(consultation_day, 18),
            "ends_at": _at(consultation_day, 19, 30),
            "repeats_monthly": True,
            "repeat_until": consultation_day + timedelta(days=365),
            "place": OFFICE,
            "online": True,
            "meeting_link": "https://meet.lycan-coop.example/peer-consultation",
            "accessibility": "The office has step-free access and an all-gender restroom. "
            "Online members join with captions on.",
            "takes_rsvps": False,
            "_changes": {"cancel": 6, "move": 3},
        },
        {
            "kind": EventKind.TRAINING,
            "title": "Affirming care for neurodivergent adults",
            "slug": "affirming-care-neurodivergent-adults",
            "intro": "A three-hour training by one of the group's supervisors, for members.",
            "body": "<p>How to adapt assessment, pacing and the therapy room for neurodivergent "
            "clients, and how to avoid pathologizing difference.</p>",
            "starts_at": _at(today + timedelta(days=21), 9),
            "ends_at": _at(today + timedelta(days=21), 12),
            "place": OFFICE,
            "members_only": True,
            "capacity": 3,
            "ce_hours": 3,
            "presenter_member": robin,
            "cost_cents": 0,
            "_going": ["lucia.morales", "david.okafor", "sam.goldberg"],
            "_waitlist": ["priya.natarajan"],
        },
        {
            "kind": EventKind.TRAINING,
            "title": "Ethics and boundaries in small group practices",
            "slug": "ethics-boundaries-small-practices",
            "intro": "Six CE hours with an outside trainer, at the group rate for members and "
            "open to any provider.",
            "body": "<p>Dual relationships, shared offices and peer accountability when nobody "
            "is the boss.</p>",
            "starts_at": _at(today + timedelta(days=45), 9),
            "ends_at": _at(today + timedelta(days=45), 16),
            "place": "Seattle Central Library, 1000 4th Avenue, Seattle, WA",
            "accessibility": "Step-free entrance on 4th Avenue. Captioning on request.",
            "capacity": 20,
            "ce_hours": 6,
            "presenter_name": "Jordan Lee, PhD",
            "cost_cents": 18000,
            "group_rate_cents": 12000,
            "_going": ["marcus.bell"],
        },
        {
            "kind": EventKind.TRAINING,
            "title": "Telehealth and safety planning",
            "slug": "telehealth-safety-planning",
            "intro": "Two CE hours on safety planning with clients seen online.",
            "starts_at": _at(held, 13),
            "ends_at": _at(held, 15),
            "online": True,
            "meeting_link": "https://meet.lycan-coop.example/ce-telehealth",
            "members_only": True,
            "capacity": 10,
            "ce_hours": 2,
            "presenter_member": robin,
            "_going": ["marcus.bell", "priya.natarajan", "lucia.morales"],
            "_attended": ["marcus.bell", "priya.natarajan"],
        },
        {
            "kind": EventKind.COMMUNITY,
            "title": "Co-ops at the farmers market",
            "slug": "co-ops-farmers-market",
            "intro": "Come by our table: what a worker co-op is, and how a group practice can "
            "be one.",
            "starts_at": _at(today + timedelta(days=14), 10),
            "ends_at": _at(today + timedelta(days=14), 14),
            "place": "University District Farmers Market, 5031 University Way NE, Seattle, WA",
            "accessibility": "Outdoors on a level street; the table is at wheelchair height. "
            "Spanish spoken.",
            "takes_rsvps": False,
        },
        {
            "kind": EventKind.COMMUNITY,
            "title": "Co-ops at the community health fair",
            "slug": "co-ops-community-health-fair",
            "intro": "We shared a table with other co-ops and answered questions about worker "
            "ownership.",
            "starts_at": _at(max(today - timedelta(days=20), today.replace(month=1, day=1)), 11),
            "ends_at": _at(max(today - timedelta(days=20), today.replace(month=1, day=1)), 15),
            "place": "Rainier Community Center, 4600 38th Avenue S, Seattle, WA",
            "accessibility": "Indoors, step-free, with a quiet room.",
            "takes_rsvps": False,
        },
    ], members


def _date_changes(page, spec):
    starts = pattern_starts(page)
    if spec["cancel"] < len(starts):
        day = timezone.localtime(starts[spec["cancel"]]).date()
        page.date_changes.add(EventDateChange(original_date=day))
    if spec["move"] < len(starts):
        start = starts[spec["move"]]
        moved = start + timedelta(days=1)  # the Wednesday instead, at the same time
        page.date_changes.add(
            EventDateChange(
                original_date=timezone.localtime(start).date(),
                moved_to_start=moved,
                moved_to_end=moved + (page.ends_at - page.starts_at),
            )
        )


def _rsvps(page, spec, members):
    now = timezone.now()
    order = 0
    for key, status in (("_going", RSVP.Status.GOING), ("_waitlist", RSVP.Status.WAITLISTED)):
        for username in spec.get(key, []):
            if username in members:
                order += 1
                RSVP.objects.get_or_create(
                    event=page,
                    member=members[username],
                    defaults={"status": status, "queued_at": now - timedelta(hours=100 - order)},
                )
    attended = [members[u].pk for u in spec.get("_attended", []) if u in members]
    if attended:
        rsvp.record_attendance(page, attended)


def load(home, log):
    if home is None:
        return None
    index = child_by_slug(home, INDEX["slug"])
    if index is None:
        index = publish_child(home, EventIndexPage(show_in_menus=True, **INDEX))
        log("events page")
    today = timezone.localdate()
    specs, members = _events(today)
    for spec in specs:
        if child_by_slug(index, spec["slug"]) is not None:
            continue
        fields = {k: v for k, v in spec.items() if not k.startswith("_")}
        page = EventPage(**fields)
        if "_changes" in spec:
            _date_changes(page, spec["_changes"])
        publish_child(index, page)
        _rsvps(page, spec, members)
        log(f"event: {page.title}")
    _spanish(index, log)
    return index


def _spanish(index, log):
    """Translate the events page and every event that has no Spanish version yet."""
    spanish = Locale.objects.filter(language_code="es").first()
    if spanish is None or index.get_parent().specific.get_translation_or_none(spanish) is None:
        return
    translate(index, spanish, log, words=SPANISH)
    for page in index.get_children().specific():
        translate(page, spanish, log, words=SPANISH)
