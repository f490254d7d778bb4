"""A valid shared-fund payload, for tests that need a shared-fund proposal whatever it spends:
since a shared-fund proposal must name a fund that can cover it (billing.funds.check_proposal),
one without a payload is refused."""


def fund_payload(amount_cents=100, purpose="Test spending"):
    from billing import funds

    line = funds.ce_fund()
    assert line is not None, "the demo's open cycle has a CE fund"
    return {"budget_line": line.pk, "amount_cents": amount_cents, "purpose": purpose}
