"""Calls: the call record, arrivals, routing, the event loop of a day and call outcomes."""
