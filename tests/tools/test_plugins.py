"""The plugin API: a package that declares an `apitap.tools` entry point adds its tools to `all_tools()`."""

from __future__ import annotations

from tools import TOOLS, all_tools
from tools.context import ToolContext
from tools.errors import ToolError


def test_an_installed_plugin_is_discovered_through_its_entry_point(installed_plugin, sqlite_db):
    assert (installed_plugin / "apitap_example_plugin").is_dir()

    by_name = {t.name: t for t in all_tools()}

    assert {"store_hours", "find_store"} <= set(by_name) and len(by_name) == len(TOOLS) + 2
    hours = by_name["store_hours"]
    assert hours.intent == "store_hours" and not hours.requires_customer
    assert by_name["find_store"].run(ToolContext(db=sqlite_db.engine), {"name": "Gran Via"}).address.endswith("Madrid")
    ctx = ToolContext(db=sqlite_db.engine)
    assert hours.run(ctx, {"city": "Madrid"}).hours.startswith("Mon-Sat")
    missing = hours.run(ctx, {"city": "Atlantis"})
    assert isinstance(missing, ToolError) and missing.error == "not_found"
    invalid = hours.run(ctx, {"city": "x" * 500})
    assert isinstance(invalid, ToolError) and invalid.error == "invalid_argument"


def test_without_the_plugin_it_is_not_there():
    assert not {"store_hours", "find_store"} & {t.name for t in all_tools()}
