"""Local demo only: the customers the page may offer to "sign in as" (no contact data)."""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, HTTPException
from sqlalchemy import and_, select
from sqlalchemy.engine import Engine

from api.deps import AgentDep, CallerDep, SettingsDep
from api.schemas import DemoCustomer
from api.security import is_local_mode
from tools.db.schema import dbuser

router = APIRouter(prefix="/demo", tags=["demo"])

_PICKER_SIZE = 8


def _demo_customers(db: Engine) -> list[DemoCustomer]:
    user, address, city = dbuser.tbl_user, dbuser.tbl_address, dbuser.tbl_city
    user_type, user_status = dbuser.tbl_user_type, dbuser.tbl_user_status
    # The first ids are the hand-written demo personas, the ones the README's examples use.
    query = (
        select(user.c.user_id, user.c.first_name, city.c.name.label("city"))
        .join(user_type, user_type.c.user_type_id == user.c.user_type_id)
        .join(user_status, user_status.c.user_status_id == user.c.user_status_id)
        .outerjoin(address, and_(address.c.user_id == user.c.user_id, address.c.is_default.is_(True)))
        .outerjoin(city, city.c.city_id == address.c.city_id)
        .where(user_type.c.name == "customer", user_status.c.name == "active")
        .order_by(user.c.user_id)
        .limit(_PICKER_SIZE)
    )
    with db.connect() as conn:
        rows = conn.execute(query).all()
    seen: dict[int, DemoCustomer] = {}
    for row in rows:
        seen.setdefault(row.user_id, DemoCustomer(id=row.user_id, first_name=row.first_name, city=row.city))
    return list(seen.values())


@router.get("/customers", response_model=list[DemoCustomer],
            responses={404: {"description": "Not in local mode (API keys configured or a public address)."}})
async def demo_customers(settings: SettingsDep, agent: AgentDep, caller: CallerDep) -> list[DemoCustomer]:
    """A few demo customers (id, first name, city) for the page's "sign in as customer" picker. Local mode only."""
    if not (is_local_mode(settings) and caller.trusted):
        raise HTTPException(404, "The demo customer picker is only available in local mode.")
    return await asyncio.to_thread(_demo_customers, agent.db)
