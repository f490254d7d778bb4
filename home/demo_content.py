"""The demo site's words, written from ../shared/content-brief.md in the project's own voice.

Kept apart from the code that builds pages (home/demo.py) so a writer can edit it alone.
"""

ORGANISATION = {
    "organisation_name": "Lycan Counseling Co-op",
    "phone": "(206) 555-0142",
    "email": "hello@lycan-coop.example",
    "address": "1200 Pine Street, Suite 300\nSeattle, WA 98101",
}

CRISIS_NOTICE = (
    '<p><b>In crisis?</b> Call or text <a href="tel:988">988</a> (Suicide &amp; Crisis '
    "Lifeline), any time, day or night. In an emergency, call "
    '<a href="tel:911">911</a>. This website cannot respond to emergencies.</p>'
)
FOOTER_TEXT = (
    "<p>A worker co-op of independent, licensed mental-health providers. Each of us runs "
    "our own practice; together we share costs, tools, training and a voice.</p>"
)

HOME = {
    "title": "Therapy from providers who run their practice together",
    "intro": (
        "We are independent therapists, counselors and nurse practitioners who share our "
        "costs, our tools and every decision as equals. Find a provider, or learn how a "
        "worker co-op works."
    ),
    "cards": [
        (
            "directory",
            "Find a provider",
            "Search by specialty, insurance (Medicaid "
            "included), language, cost and whether they are taking new clients.",
        ),
        (
            "faq",
            "What is a co-op?",
            "Plain answers about worker co-ops and what this one "
            "means for the people who work here and the people they see.",
        ),
        (
            "principles",
            "How we work",
            "The seven cooperative principles, and what each "
            "one looks like in our group day to day.",
        ),
        (
            "resources",
            "Further reading",
            "Organizations, podcasts and articles about worker ownership that we found useful.",
        ),
    ],
    "cta": {
        "heading": "Are you a licensed provider?",
        "text": (
            "Keep your own practice and your own clinical judgment, and share the costs "
            "and the decisions with colleagues who have an equal say."
        ),
        "button_label": "Learn about joining",
    },
}

FAQ = {
    "title": "Questions about co-ops",
    "slug": "faq",
    "menu_title": "Co-op FAQ",
    "intro": "What a worker co-op is, how it differs from other businesses, and what it "
    "means in a mental-health practice. Select a question to read its answer.",
    "questions": [
        (
            "What is a co-op?",
            "<p>A cooperative is a business owned and run by the people it serves. In a "
            "<b>worker</b> co-op, that means the people who do the work. There is no boss "
            "above the group: the members make decisions together, share the costs and "
            "share whatever money is left over.</p>",
        ),
        (
            "How do other businesses differ from a co-op?",
            "<p>Most businesses are hierarchies. Owners or managers decide, and everyone "
            "else carries the decisions out. In a co-op, control is democratic: each member "
            "has one vote, whatever their role or how long they have been here.</p>",
        ),
        (
            "How does a co-op address marginalization and oppression?",
            "<p>When everyone has an equal voice, no one can hold power over another "
            "person's workload or pay, and concerns such as harassment are handled by "
            "peers who are accountable to each other rather than by a single manager.</p>"
            "<p>A co-op is not a cure-all. The people in it still bring the biases of the "
            "world around them, and they still have to do the work of noticing and "
            "changing them. The structure makes that work possible; it does not do it "
            "for us.</p>",
        ),
        (
            "So does everyone make the same wage?",
            "<p>Not necessarily. The group decides pay together and in the open, and the "
            "same job earns the same pay. Here, each provider runs an independent "
            "practice and keeps what they earn from it; what we share equally are the "
            "costs of running the group.</p>",
        ),
        (
            "My workplace isn't a co-op but treats people well. Is a co-op worth it?",
            "<p>Good employers exist. But benefits that one person or one owner grants can "
            "also be taken away by that person. In a co-op, the conditions of the work "
            "belong to the people doing it, and changing them takes a vote.</p>",
        ),
        (
            "What can a co-op look like in a mental-health business?",
            "<p>Roles still exist: someone does the billing, someone supervises clinicians "
            "in training. What changes is that each person has an equal voice in how the "
            "group is run.</p><p>Clinical decisions stay with the people qualified to "
            "make them. The group decides together which therapy models and trainings it "
            "promotes and helps pay for.</p>",
        ),
        (
            "Where can I learn more?",
            '<p>Our <a linktype="page" id="{resources}">resources page</a> lists '
            "organizations, podcasts and articles about worker ownership, including another "
            "mental-health co-op, and where to find help if you need it now.</p>",
        ),
        (
            "How does this group practice the co-op model?",
            "<p>We follow the seven cooperative principles that co-ops around the world "
            'share. Our <a linktype="page" id="{principles}">principles page</a> explains each '
            "one and what it looks like in our practice.</p>",
        ),
    ],
}

PRINCIPLES = {
    "title": "How we live the seven cooperative principles",
    "slug": "principles",
    "menu_title": "Our principles",
    "intro": "Co-ops around the world share seven principles. Here is what each one means, "
    "and what it looks like in our group.",
    "principles": [
        (
            "Voluntary and open membership",
            "<p>Anyone who can do the work and accepts the responsibilities of membership "
            "may join, without discrimination, and anyone may leave.</p>",
            "<ul><li>Any provider may end their contract at any time, for any reason.</li>"
            "<li>Every contract says plainly what leaving means.</li>"
            "<li>All contracts and procedures are shared with a provider before they "
            "sign.</li><li>The parent company's relevant finances are open to any provider "
            "who asks.</li></ul>",
        ),
        (
            "Democratic member control",
            "<p>Members control the co-op and take part in setting its policies and "
            "making its decisions, one member, one vote.</p>",
            "<p>Every provider agrees to the Co-Op Procedures manual. Members vote on "
            "administrative staffing and staff pay, changes to the manual, bringing on new "
            "providers and ending a provider's contract.</p><p>The manual even sets out how "
            "the group can carry on without the parent company, which the members can vote "
            "to remove.</p>",
        ),
        (
            "Member economic participation",
            "<p>Members contribute fairly to the co-op's costs and control its money "
            "democratically.</p>",
            "<p>Each provider pays an equal monthly share of the shared expenses the group "
            "has agreed on. Buying together costs each of us less.</p><p>The fee is looked at "
            "again every six months, or sooner when staffing changes. The parent company "
            "makes no profit: whatever is collected beyond the real costs goes back to the "
            "providers at the end of each cycle, in proportion to what each paid.</p>",
        ),
        (
            "Autonomy and independence",
            "<p>Co-ops are self-governing, and stay under their members' control in any "
            "agreement with others.</p>",
            "<p>Each practice is legally independent. Every provider decides their own "
            "hours, clients, time off and clinical work, and no provider has power over "
            "another. A provider may buy services outside the group whenever they "
            "choose.</p>",
        ),
        (
            "Education, training and information",
            "<p>Co-ops educate their members and tell the wider public what co-ops are and "
            "why they matter.</p>",
            "<ul><li>Group rates for continuing education (CE).</li><li>Trainings led by "
            "the group's own supervisors.</li><li>CE offered through our insurance "
            "contracts.</li><li>Monthly peer consultation.</li><li>Teaching other providers "
            "and our community about co-ops, through tabling and organizing.</li></ul>",
        ),
        (
            "Cooperation among cooperatives",
            "<p>Co-ops serve their members best by working with other co-ops.</p>",
            "<p>Our manual prefers buying from other co-ops. Each provider runs their own "
            "practice as close to a co-op as they can, and tells the group how.</p>",
        ),
        (
            "Concern for community",
            "<p>Co-ops work for the lasting good of the communities around them.</p>",
            "<p>We practice in ways that are anti-oppressive, LGBTQIA2S+-affirming, "
            "neurodiversity-affirming and committed to racial justice, including Black "
            "Lives Matter. We encourage every provider to accept Medicaid or to offer "
            "reduced-cost care.</p>",
        ),
    ],
}

STANDARD_PAGES = [
    {
        "slug": "about",
        "title": "About us",
        "intro": "A group practice of independent providers, run as a worker co-op.",
        "show_in_menus": True,
        "body": [
            (
                "paragraph",
                "<p>We are licensed therapists, counselors, supervisors and an "
                "advanced registered nurse practitioner (ARNP). Each of us owns an independent "
                "practice. Together we share an office team, an electronic health record and "
                "insurance billing service, liability insurance, training and a voice in how "
                "all of it is run.</p>",
            ),
            (
                "paragraph",
                "<p>A parent company, Lycan Counseling, holds the group's shared "
                "accounts and signs a provider services agreement with each provider. It makes "
                "no profit, and the members can vote to go on without it.</p>",
            ),
            (
                "quote",
                {
                    "quote": "No one here holds power over another person's workload or "
                    "pay. We decide together.",
                    "attribution": "A member of the co-op",
                },
            ),
        ],
    },
    {
        "slug": "join-us",
        "title": "Join us",
        "intro": "For licensed mental-health providers who want their own practice and a "
        "real say in the group around it.",
        "show_in_menus": True,
        "body": [
            ("heading", {"text": "What joining means", "level": "h2"}),
            (
                "paragraph",
                "<ul><li>You keep your own practice: your hours, your clients, "
                "your clinical judgment.</li><li>You pay an equal share of the costs the group "
                "has agreed on, and get back your share of anything not spent.</li><li>You have "
                "one vote, the same as every other provider, on staffing, pay, the procedures "
                "manual and who joins.</li><li>You can leave whenever you choose.</li></ul>",
            ),
            ("heading", {"text": "How to apply", "level": "h2"}),
            (
                "paragraph",
                "<p>Read the provider services agreement and the Co-Op Procedures "
                "manual before anything is signed, then send the application below. The "
                "members vote on every application; you can follow yours, and withdraw it, "
                "at any time.</p>",
            ),
            ("application_panel", None),
        ],
    },
    {
        "slug": "contact",
        "title": "Contact",
        "intro": "How to reach the co-op. To book a session, contact a provider directly "
        "through the directory.",
        "show_in_menus": True,
        "body": [
            ("contact_details", None),
            (
                "paragraph",
                "<p>Please don't send health information by email or through "
                "this website. Call, or ask a provider for a secure way to share it.</p>",
            ),
        ],
    },
]

DEMO_ADMIN = {
    "username": "admin",
    "email": "admin@lycan-coop.example",
    "password": "coop-demo-admin-2026",
    # The admin asks for a second factor; the demo admin's authenticator key (hex, as
    # django-otp stores it; `home.demo.demo_otp_key()` gives apps' base32) is published like
    # its password.
    "totp_key": "1b3c0469e9d2d9a3b0e7b07e51ec0a1ed4f7d6b1",
}
