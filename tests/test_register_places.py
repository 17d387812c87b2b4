"""Villages from a national register of settlements, placed at their community's seat."""

from __future__ import annotations

from newstrace.linking.gazetteer import GazPlace, is_village_only
from newstrace.linking.gazetteer_build import CITY, Row
from newstrace.linking.geodesy import distance_km
from newstrace.linking.register_places import (
    REGISTER_PREFIX,
    Register,
    Settlement,
    data_file,
    is_registered,
    read_register,
    register_places,
    seat,
)


def _row(
    pid: str,
    name: str,
    cc: str,
    lat: float,
    lon: float,
    pop: int,
    admin1: str,
    names: frozenset[str] = frozenset(),
) -> Row:
    return Row(pid, name, CITY, cc, lat, lon, pop, admin1=admin1, names=set(names) | {name})


def _s(code: str, name: str, community: str, category: str = "C", region: str = "XX01") -> Settlement:
    return Settlement(code, name, category, region, community)


def test_the_seat_is_the_member_the_community_is_named_after() -> None:
    members = [_s("1", "Березанка", "H1"), _s("2", "Березанськ", "H1", "X"), _s("3", "Дубове", "H1")]
    # "Березанська" shares ten letters with the town, seven with the village.
    assert seat("Березанська", members) == members[1]
    # A community named after no member has no seat the register can tell.
    assert seat("Озерна", members) is None
    assert seat("Березанська", []) is None


def _register() -> Register:
    settlements = [
        _s("XX01001", "Кленове", "H1", "X"),  # the seat of the first community
        _s("XX01002", "Сосонка", "H1"),  # no place holds its name: placed at the seat
        _s("XX01003", "Дубки", "H1"),  # held near the seat: that is the village, left alone
        _s("XX01004", "Липки", "H1"),  # held, but in another country's corner: still placed
        _s("XX01005", "Ярове", "H2", "X"),  # the second community's seat: held twice, unpopulated
        _s("XX01006", "Вишнівка", "H2"),
    ]
    return Register("XX", settlements, {"H1": "Кленівська", "H2": "Ярівська"})


def _held() -> list[Row]:
    return [
        _row("gn:1", "Klenove", "XX", 48.00, 35.00, 3000, "adm1:XX.1", frozenset({"Кленове"})),
        _row("pc:1", "Дубки", "XX", 48.01, 35.01, 0, "adm1:XX.1"),
        _row("pc:2", "Липки", "XX", 50.00, 30.00, 0, "adm1:XX.9"),
        _row("pc:3", "Ярове", "XX", 47.00, 36.00, 0, "adm1:XX.1"),
        _row("pc:4", "Ярове", "XX", 47.50, 36.50, 0, "adm1:XX.1"),
        _row("gn:2", "Sosonka", "YY", 48.00, 35.00, 100, "adm1:YY.1"),  # another country's namesake
    ]


def test_villages_no_source_holds_are_placed_at_their_seat() -> None:
    got = {s.name: (p.id, p.admin1) for s, p in register_places(_held(), _register())}
    assert got == {"Сосонка": ("gn:1", "adm1:XX.1"), "Липки": ("gn:1", "adm1:XX.1")}


def test_a_held_namesake_within_the_radius_keeps_the_village_out() -> None:
    # With a radius wider than the distance to "Липки", it is taken for the held one too.
    far = distance_km((48.0, 35.0), (50.0, 30.0))
    got = [s.name for s, _ in register_places(_held(), _register(), same_km=far + 1)]
    assert got == ["Сосонка"]


def test_registered_places_are_villages_only() -> None:
    village = GazPlace(f"{REGISTER_PREFIX}XX01002", "Сосонка", "city", "XX", 48.0, 35.0, 0)
    town = GazPlace("gn:1", "Klenove", "city", "XX", 48.0, 35.0, 3000)
    assert is_registered(village) and is_village_only(village)
    assert not is_registered(town) and not is_village_only(town)


def test_the_register_ships_with_its_package() -> None:
    assert data_file().is_file()
    reg = read_register()
    assert reg.country == "UA"
    assert len(reg.settlements) > 25_000 and len(reg.communities) > 1_000
    # Nearly every settlement's community is in the register (a zone of special status has none), and
    # most communities have a seat.
    assert sum(s.community in reg.communities for s in reg.settlements) > 0.99 * len(reg.settlements)
    members: dict[str, list[Settlement]] = {}
    for s in reg.settlements:
        members.setdefault(s.community, []).append(s)
    seated = sum(seat(reg.communities.get(c, ""), ms) is not None for c, ms in members.items())
    assert seated > 0.9 * len(members)
