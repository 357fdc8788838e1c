"""Committees, meetings, agendas, minutes, actions and the agenda pack."""
