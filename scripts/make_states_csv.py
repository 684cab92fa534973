"""Regenerate treaty_tracker/reference/data/states.csv (run by hand, not at install).

Names: the UN depositary's names from ccm_participants.csv where the State is there,
otherwise country_converter's short name. Regions: UN M49 regions and sub-regions as
bundled with country_converter (pip install country_converter); "America" is written
"Americas" as M49 does. Only UN members, the two observer States (Holy See, State of
Palestine) and the Cook Islands and Niue (States that joined UN treaties) are kept.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import country_converter

DATA = Path(__file__).resolve().parent.parent / "treaty_tracker" / "reference" / "data"
EXTRA = {"VAT", "PSE", "COK", "NIU"}
# UN short names where country_converter uses a colloquial one.
UN_NAMES = {
    "KOR": "Republic of Korea",
    "PRK": "Democratic People's Republic of Korea",
    "RUS": "Russian Federation",
    "IRN": "Iran (Islamic Republic of)",
    "SYR": "Syrian Arab Republic",
    "VNM": "Viet Nam",
    "FSM": "Micronesia (Federated States of)",
    "VEN": "Venezuela (Bolivarian Republic of)",
    "TUR": "Türkiye",
    "USA": "United States of America",
    "GBR": "United Kingdom of Great Britain and Northern Ireland",
    "BRN": "Brunei Darussalam",
    "LBY": "Libya",
    "TLS": "Timor-Leste",
    "CZE": "Czechia",
}


def main() -> int:
    tsv = Path(country_converter.__file__).with_name("country_data.tsv")
    with tsv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    with (DATA / "ccm_participants.csv").open(encoding="utf-8") as handle:
        depositary = {r["iso3"]: r["state"] for r in csv.DictReader(handle)}
    out = []
    for row in rows:
        iso3 = row["ISO3"]
        if not (row["UNmember"] or iso3 in EXTRA) or row.get("obsolete"):
            continue
        region = "Americas" if row["continent"] == "America" else row["continent"]
        out.append(
            {
                "iso3": iso3,
                "name": depositary.get(iso3, UN_NAMES.get(iso3, row["name_short"])),
                "region": region,
                "subregion": row["UNregion"],
            }
        )
    out.sort(key=lambda r: r["name"])
    with (DATA / "states.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["iso3", "name", "region", "subregion"])
        writer.writeheader()
        writer.writerows(out)
    sys.stderr.write(f"wrote {len(out)} States\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
