"""Support tickets against the demo data, on SQLite and on MariaDB's read-only account."""

from __future__ import annotations

from typing import get_args

from tools import TOOLS
from tools.registry import index_by_name
from tools.tickets import MAX_TICKETS, Ticket, TicketList, TicketStatusName


def a_ticket(db):
    return db.one(
        "SELECT t.help_ticket_id, t.user_id, t.subject, t.description, s.name AS status, r.name AS reason "
        "FROM dbuser.tbl_help_ticket t JOIN dbuser.tbl_help_ticket_status s "
        "ON s.help_ticket_status_id = t.help_ticket_status_id JOIN dbuser.tbl_help_ticket_reason r "
        "ON r.help_ticket_reason_id = t.help_ticket_reason_id ORDER BY t.help_ticket_id LIMIT 1"
    )


def test_get_ticket_matches_the_database(db):
    ticket = a_ticket(db)
    result = db.call("get_ticket", {"ticket_id": ticket.help_ticket_id}, customer=ticket.user_id)
    assert isinstance(result, Ticket)
    assert (result.subject, result.status, result.reason, result.description) == (
        ticket.subject, ticket.status, ticket.reason, ticket.description)


def test_list_tickets_newest_first_and_by_status(db):
    ticket = a_ticket(db)
    expected = [r.help_ticket_id for r in db.rows(
        "SELECT help_ticket_id FROM dbuser.tbl_help_ticket WHERE user_id = :c "
        "ORDER BY created_at DESC, help_ticket_id DESC", c=ticket.user_id,
    )][:MAX_TICKETS]

    everything = db.call("list_support_tickets", {}, customer=ticket.user_id)
    same_status = db.call("list_support_tickets", {"status": ticket.status}, customer=ticket.user_id)

    assert isinstance(everything, TicketList)
    assert [t.ticket_id for t in everything.tickets] == expected
    assert ticket.help_ticket_id in {t.ticket_id for t in same_status.tickets}
    assert {t.status for t in same_status.tickets} == {ticket.status}


def test_status_names_the_model_may_filter_by_are_those_in_the_database(db):
    names = {r.name for r in db.rows("SELECT name FROM dbuser.tbl_help_ticket_status")}
    assert set(get_args(TicketStatusName)) == names


def test_a_status_none_of_the_tickets_has_gives_the_newest_tickets_instead(db):
    ticket = a_ticket(db)
    absent = db.scalar(
        "SELECT s.name FROM dbuser.tbl_help_ticket_status s WHERE NOT EXISTS (SELECT 1 FROM dbuser.tbl_help_ticket t "
        "WHERE t.user_id = :c AND t.help_ticket_status_id = s.help_ticket_status_id) ORDER BY s.name LIMIT 1",
        c=ticket.user_id,
    )
    newest = [r.help_ticket_id for r in db.rows(
        "SELECT help_ticket_id FROM dbuser.tbl_help_ticket WHERE user_id = :c "
        "ORDER BY created_at DESC, help_ticket_id DESC LIMIT 3", c=ticket.user_id,
    )]

    result = db.call("list_support_tickets", {"status": absent}, customer=ticket.user_id)
    answer = index_by_name(TOOLS)["list_support_tickets"].answer(result.model_dump(mode="json"), {"status": absent}, "es", "")

    assert result.tickets == [] and [t.ticket_id for t in result.other_tickets] == newest
    assert answer.startswith("No tiene ningún ticket") and all(f"ticket {t}," in answer for t in newest)
    assert db.call("list_support_tickets", {"status": ticket.status}, customer=ticket.user_id).other_tickets == []
