"""`allocate` hands the leftover cents to the largest remainders, exactly.

The property tests in test_cycles.py check that shares add up and differ from the exact
share by under a cent, which a split giving the leftovers to the smallest remainders also
satisfies. These cases pin the rule a member relies on: nobody gets a cent more than their
exact share while someone with a larger fraction gets less."""

from fractions import Fraction

from billing.closing import allocate


def test_leftover_cents_go_to_the_largest_remainders():
    # Exact shares of 10 cents paid 1:2:4 are 1 3/7, 2 6/7 and 5 5/7: two cents are left
    # after rounding down, and they go to the 6/7 and the 5/7, never to the 3/7.
    paid = {1: 100, 2: 200, 3: 400}
    assert {m: Fraction(10 * c, 700) for m, c in paid.items()} == {
        1: 1 + Fraction(3, 7),
        2: 2 + Fraction(6, 7),
        3: 5 + Fraction(5, 7),
    }
    assert allocate(10, paid) == {1: 1, 2: 3, 3: 6}


def test_a_tie_for_the_last_cent_goes_to_the_lowest_member_id():
    assert allocate(1, {5: 300, 3: 300}) == {5: 0, 3: 1}
    assert allocate(2, {9: 100, 4: 100, 7: 100}) == {9: 0, 4: 1, 7: 1}
