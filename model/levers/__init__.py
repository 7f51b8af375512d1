"""Management levers, all in one place: their parameters, daily machinery and KPIs.

Coaching and quality monitoring, regime transitions, cold calls, scoreboards,
morale contagion and call avoidance (DESIGN.md "Management levers"). Every
lever is off or neutral by default.
"""
