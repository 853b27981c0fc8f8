"""Find-as-you-type on the log-a-contact screen and the customers page: typo-tolerant on names,
exact on emails, phones (any format), postcodes (any spacing) and case references, one query
whatever was typed."""

import pytest

from cases import selectors, services


@pytest.fixture
def people(world, customer, case_make):
    make = services.customer_create
    found = {
        "rita": customer,
        "john": make(by=None, fields={"name": "John Smith", "postcode": "WY2 5AB", "phone": "07700 900123"}),
        "siobhan": make(by=None, fields={"name": "Siobhan O'Neill", "email": "S.ONeill@Example.org"}),
        "mohammed": make(by=None, fields={"name": "Mohammed Ali", "postcode": "WY2 5AB"}),
        "twin": make(by=None, fields={"name": "john smith", "postcode": "wy25ab"}),
    }
    found["case"] = case_make(customer=found["mohammed"])
    return found


def _names(user, query):
    return [match.customer.name for match in selectors.customer_find(user=user, query=query)]


@pytest.mark.parametrize(
    "query, expected, matched",
    [
        # Names: as typed, in any case, misspelt, by first letters, first name or surname only.
        ("Rita Resident", ["Rita Resident"], "name"),
        ("rita resident", ["Rita Resident"], "name"),
        ("Rita Resdent", ["Rita Resident"], "name"),
        ("Reta", ["Rita Resident"], "name"),
        ("jon smyth", ["John Smith", "john smith"], "name"),
        ("smith", ["John Smith", "john smith"], "name"),
        ("Moh", ["Mohammed Ali"], "name"),
        ("Mohamed", ["Mohammed Ali"], "name"),
        ("shiobhan o'neil", ["Siobhan O'Neill"], "name"),
        # Exact: email in any letter case, phone in any format, postcode with any spacing.
        ("RITA@example.org", ["Rita Resident"], "email"),
        ("s.oneill@example.org", ["Siobhan O'Neill"], "email"),
        ("01632960555", ["Rita Resident"], "phone"),
        ("+44 1632 960555", ["Rita Resident"], "phone"),
        ("(01632) 960-555", ["Rita Resident"], "phone"),
        ("07700900123", ["John Smith"], "phone"),
        ("wy14ab", ["Rita Resident"], "postcode"),
        ("WY1   4AB", ["Rita Resident"], "postcode"),
        ("wy2 5ab", ["John Smith", "john smith", "Mohammed Ali"], "postcode"),
        # Not a near miss of an exact detail: nothing.
        ("rita@example.com", [], "email"),
        ("01632 960556", [], "phone"),
        ("WY1 4AC", [], "postcode"),
    ],
)
def test_find_matches(world, people, query, expected, matched):
    matches = selectors.customer_find(user=world.adviser, query=query)
    assert sorted(m.customer.name for m in matches) == sorted(expected)
    assert all(m.matched == matched for m in matches)


def test_best_name_first(world, people):
    assert _names(world.adviser, "john smith")[:2] in (["John Smith", "john smith"], ["john smith", "John Smith"])
    assert _names(world.adviser, "Mohammed Ali")[0] == "Mohammed Ali"


def test_a_case_reference_finds_its_customer(world, people):
    reference = people["case"].reference
    for typed in (reference, reference.lower(), reference.replace("-", " "), reference.replace("-", "")):
        [match] = selectors.customer_find(user=world.adviser, query=typed)
        assert (match.customer, match.matched) == (people["mohammed"], "reference")
    assert selectors.customer_find(user=world.adviser, query="XXXX-XXXX") == []


def test_possible_duplicates_are_flagged(world, people):
    flags = {m.customer.pk: m.possible_duplicate for m in selectors.customer_find(user=world.adviser, query="smith")}
    # Same name and postcode once normalised ("wy25ab" is stored as "WY2 5AB").
    assert flags == {people["john"].pk: True, people["twin"].pk: True}
    [rita] = selectors.customer_find(user=world.adviser, query="rita")
    assert not rita.possible_duplicate


def test_merged_records_are_not_found(world, people):
    services.customer_merge(source=people["twin"], target=people["john"], by=world.team_manager)
    assert _names(world.adviser, "john smith") == ["John Smith"]


@pytest.mark.parametrize(
    "query",
    ["", " ", "a", "!!!", "'''''", "%_%", "\x00", "\x00rita", "-- ;", "x" * 10_000, "smith " * 2_000, "@", "++"],
)
def test_odd_input_finds_nothing_or_something_without_error(world, people, query):
    matches = selectors.customer_find(user=world.adviser, query=query)
    assert len(matches) <= selectors.FIND_LIMIT


def test_one_query_whatever_is_typed(world, people, django_assert_num_queries):
    world.adviser.has_perm("cases.view_customer")  # the permissions, loaded once per request
    for query in ("jon smyth", "rita@example.org", "01632 960555", "wy14ab", people["case"].reference):
        with django_assert_num_queries(1):
            selectors.customer_find(user=world.adviser, query=query)
    for query in ("", "!!!", "a"):
        with django_assert_num_queries(0):
            selectors.customer_find(user=world.adviser, query=query)


def test_only_staff_who_may_see_customers_find_them(world, people):
    assert _names(world.councillor, "rita") == []
    assert _names(world.no_role, "rita") == []
    assert _names(world.officer_a, "rita") == ["Rita Resident"]


def test_at_most_the_limit(world):
    for number in range(12):
        services.customer_create(by=None, fields={"name": f"Sam Taylor {number}"})
    assert len(selectors.customer_find(user=world.adviser, query="sam taylor")) == selectors.FIND_LIMIT
    assert len(selectors.customer_find(user=world.adviser, query="sam taylor", limit=3)) == 3


def test_the_vocabulary_learns_every_name_saved_however_it_is_saved(world):
    from cases.models import Customer, CustomerNameWord

    services.customer_create(by=None, fields={"name": "Siân O'Donnell-Price"})
    # A bulk insert (one statement, as an import or the bench makes them) learns its words too.
    Customer.objects.bulk_create([Customer(name="Zygmunt Quarrington"), Customer(name="Ffion Quarrington")])
    learnt = set(CustomerNameWord.objects.values_list("word", flat=True))
    assert {"siân", "o", "donnell", "price", "zygmunt", "quarrington", "ffion"} <= learnt
    assert _names(world.adviser, "quarington") == ["Ffion Quarrington", "Zygmunt Quarrington"]
    assert _names(world.adviser, "o'donnell price") == ["Siân O'Donnell-Price"]
    # Typed without its accent, a name is found by how it sounds.
    assert _names(world.adviser, "sian") == ["Siân O'Donnell-Price"]


def test_a_renamed_customer_is_found_by_the_new_name(world, customer):
    services.customer_update(customer=customer, by=world.adviser, fields={"name": "Rita Wolstenholme"})
    assert _names(world.adviser, "wolstenholm") == ["Rita Wolstenholme"]
    assert _names(world.adviser, "rita wolsten") == ["Rita Wolstenholme"]
    assert _names(world.adviser, "resident") == []


def test_one_word_lists_exact_words_before_longer_or_similar_ones(world):
    for name in ("Ann Smithson", "Bea Smyth", "Cai Smith", "Dee Smithers"):
        services.customer_create(by=None, fields={"name": name})
    names = _names(world.adviser, "smith")
    assert names[0] == "Cai Smith"
    assert set(names) == {"Ann Smithson", "Bea Smyth", "Cai Smith", "Dee Smithers"}
