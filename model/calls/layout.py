"""Index names of the compiled day loop's arrays, defined once here.

The day loop (:mod:`tightrope.model.calls.kernel`) runs compiled over plain
numpy arrays; every array it reads by position has its positions named here,
so no other module (tests included) indexes them by a bare number:

- a call row: the call record's :data:`~tightrope.model.calls.record.FIELDS`
  followed by :data:`REPEAT` (1.0 for a repeat contact: a call back about an
  unresolved issue, or its redial);
- the rep table as one 2-D array, ``reps[REP_..., slot]`` (:data:`REP_COLUMNS`);
- the day's parameters, ``par[P_...]`` (:data:`PARAMS`), built once a day;
- the day's tally, ``tally[T_...]`` (:data:`~tightrope.model.calls.tally.TALLY_FIELDS`
  then pitches and sales by run position);
- the loop's own counters and scalars (``ist[I_...]``, ``fst[F_...]``), kept in
  arrays so the loop can hand control back to Python (for the next block of
  calls, more uniforms, an output flush, a bigger queue) and resume.
"""

from __future__ import annotations

from tightrope.model.calls.record import FIELDS, LOG_FIELDS, SALES, SERVICE
from tightrope.model.calls.tally import RUN_POSITIONS, TALLY_FIELDS

# ---------------------------------------------------------------- call rows
REPEAT = len(FIELDS)  # 1.0: a repeat contact (FCR counts issues, not contacts)
ROW = REPEAT + 1  # width of a call row in the loop

# ---------------------------------------------------------------- rep table
#: Rep-table columns the loop reads or writes (``RepTable`` attribute names).
REP_COLUMNS: tuple[str, ...] = (
    "service_skill", "sales_skill", "service_ceiling", "sales_ceiling", "orientation",
    "morale", "warmup", "warmup_rate", "pressure", "can_pitch", "streak", "team",
    "service_calls", "sales_contacts", "pitches", "sales", "harmful_sales", "resolved",
)  # fmt: skip
(
    REP_SERVICE_SKILL, REP_SALES_SKILL, REP_SERVICE_CEILING, REP_SALES_CEILING,
    REP_ORIENTATION, REP_MORALE, REP_WARMUP, REP_WARMUP_RATE, REP_PRESSURE, REP_CAN_PITCH,
    REP_STREAK, REP_TEAM, REP_N_SERVICE, REP_N_SALES_CONTACTS, REP_N_PITCHES, REP_N_SALES,
    REP_N_HARMFUL, REP_N_RESOLVED,
) = range(len(REP_COLUMNS))  # fmt: skip
#: Columns the loop only reads (not written back after the day).
REP_READ_ONLY = frozenset(
    {"service_ceiling", "sales_ceiling", "orientation", "warmup_rate", "pressure", "can_pitch",
     "team"}
)  # fmt: skip

# ---------------------------------------------------------------- day parameters
#: The day's parameters (see :func:`tightrope.model.calls.outcomes.day_parameters`).
PARAMS: tuple[str, ...] = (
    # the loop
    "aht", "close", "sl", "count_from", "reserve", "behaviour", "outbound", "cold",
    "skills_routing", "day",
    # morale deltas and skill changes (zero when frozen)
    "d_sale", "d_failed", "d_angry_pitch", "d_resolved", "d_unresolved", "d_abuse",
    "d_commission", "learn_service", "learn_sales", "erode_sales", "erode_service",
    # handling and resolving a service call
    "patience_mean", "handle_penalty", "complex_share", "complex_handle",
    "resolve_base", "resolve_gain", "resolve_complex", "avoid_max", "avoid_cut", "avoid_trust",
    # selling
    "decision", "pay", "discomfort", "refers", "pushes", "judges", "misread", "pressure_pitch",
    "need_share", "sales_call_need", "conversion", "anger_penalty", "pitch_minutes",
    "sales_handle", "push_max", "push_gp", "push_gm", "push_b", "perceive_base",
    "perceive_gain", "transfer_minutes", "screen", "hit", "false_pos", "switch_cost",
    "warm_start", "commission", "value", "harmful_value",
    # CSAT weights (service call; sales call or transfer)
    "cs_base", "cs_resolved", "cs_calm", "cs_failed", "cs_failed_angry", "cs_met",
    "cs_unwanted", "cs_sales_base", "cs_sale", "cs_sales_calm",
    # customers
    "trust_start", "anger_mood", "anger_wait", "anger_harm", "angry_at", "harm_sale",
    "harm_angry", "harm_unresolved",
    # outbound dials and cold calls
    "contact", "outbound_need", "outbound_minutes", "dial", "cold_scale", "irritation",
    "cold_cost",
)  # fmt: skip
P: dict[str, int] = {name: i for i, name in enumerate(PARAMS)}
(
    P_AHT, P_CLOSE, P_SL, P_COUNT_FROM, P_RESERVE, P_BEHAVIOUR, P_OUTBOUND, P_COLD,
    P_SKILLS_ROUTING, P_DAY,
    P_D_SALE, P_D_FAILED, P_D_ANGRY_PITCH, P_D_RESOLVED, P_D_UNRESOLVED, P_D_ABUSE,
    P_D_COMMISSION, P_LEARN_SERVICE, P_LEARN_SALES, P_ERODE_SALES, P_ERODE_SERVICE,
    P_PATIENCE_MEAN, P_HANDLE_PENALTY, P_COMPLEX_SHARE, P_COMPLEX_HANDLE,
    P_RESOLVE_BASE, P_RESOLVE_GAIN, P_RESOLVE_COMPLEX, P_AVOID_MAX, P_AVOID_CUT, P_AVOID_TRUST,
    P_DECISION, P_PAY, P_DISCOMFORT, P_REFERS, P_PUSHES, P_JUDGES, P_MISREAD, P_PRESSURE_PITCH,
    P_NEED_SHARE, P_SALES_CALL_NEED, P_CONVERSION, P_ANGER_PENALTY, P_PITCH_MINUTES,
    P_SALES_HANDLE, P_PUSH_MAX, P_PUSH_GP, P_PUSH_GM, P_PUSH_B, P_PERCEIVE_BASE,
    P_PERCEIVE_GAIN, P_TRANSFER_MINUTES, P_SCREEN, P_HIT, P_FALSE_POS, P_SWITCH_COST,
    P_WARM_START, P_COMMISSION, P_VALUE, P_HARMFUL_VALUE,
    P_CS_BASE, P_CS_RESOLVED, P_CS_CALM, P_CS_FAILED, P_CS_FAILED_ANGRY, P_CS_MET,
    P_CS_UNWANTED, P_CS_SALES_BASE, P_CS_SALE, P_CS_SALES_CALM,
    P_TRUST_START, P_ANGER_MOOD, P_ANGER_WAIT, P_ANGER_HARM, P_ANGRY_AT, P_HARM_SALE,
    P_HARM_ANGRY, P_HARM_UNRESOLVED,
    P_CONTACT, P_OUTBOUND_NEED, P_OUTBOUND_MINUTES, P_DIAL, P_COLD_SCALE, P_IRRITATION,
    P_COLD_COST,
) = range(len(PARAMS))  # fmt: skip

#: The regime's pitch decision as a code (``Regime.decision``; see ``outcomes.decide``).
DECIDE_NEVER, DECIDE_ALWAYS, DECIDE_PERCEIVED_CALM, DECIDE_PAY = range(4)

# ---------------------------------------------------------------- the tally
T: dict[str, int] = {name: i for i, name in enumerate(TALLY_FIELDS)}
(
    T_SERVICE_CALLS, T_SALES_CALLS, T_RESOLVED, T_UNRESOLVED, T_ANGRY_CALLS, T_PITCHES,
    T_ANGRY_PITCHES, T_SALES_GENUINE, T_SALES_HARMFUL, T_TRANSFERS, T_REVENUE_GENUINE,
    T_REVENUE_HARMFUL, T_COMMISSION_PAID, T_CSAT_SUM, T_CSAT_N, T_OUTBOUND_DIALS,
    T_OUTBOUND_CONTACTS, T_CALLS_AVOIDED, T_COLD_IRRITATED,
) = range(len(TALLY_FIELDS))  # fmt: skip
T_PITCHES_AT = len(TALLY_FIELDS)  # RUN_POSITIONS counts follow
T_SALES_AT = T_PITCHES_AT + RUN_POSITIONS
TALLY_SIZE = T_SALES_AT + RUN_POSITIONS

# ---------------------------------------------------------------- loop state
#: The loop's integer state (counts and positions), kept across returns to Python.
INT_STATE: tuple[str, ...] = (
    "started", "next_call", "n_calls", "final", "has_next", "held", "heap",
    "waited", "within_sl", "outbound", "arrivals", "any_event",
    "uniform_pos", "uniform_end", "n_log", "n_hung", "n_unserved", "n_unresolved", "n_harm",
    "queue_cap", "n_transfer",
)  # fmt: skip
(
    I_STARTED, I_NEXT_CALL, I_N_CALLS, I_FINAL, I_HAS_NEXT, I_HELD, I_HEAP,
    I_WAITED, I_WITHIN_SL, I_OUTBOUND, I_ARRIVALS, I_ANY_EVENT,
    I_UNIFORM_POS, I_UNIFORM_END, I_N_LOG, I_N_HUNG, I_N_UNSERVED, I_N_UNRESOLVED, I_N_HARM,
    I_QUEUE_CAP, I_N_TRANSFER,
) = range(len(INT_STATE))  # fmt: skip
#: The loop's float state.
FLOAT_STATE: tuple[str, ...] = ("now", "t_next", "wait_answered", "wait_abandoned", "handle")
F_NOW, F_T_NEXT, F_WAIT_ANSWERED, F_WAIT_ABANDONED, F_HANDLE = range(len(FLOAT_STATE))
#: Counts by CallKind value (offered, answered, abandoned, still queued): kind_counts[C_..., kind].
C_OFFERED, C_ANSWERED, C_ABANDONED, C_QUEUED = range(4)

#: Why the loop returned to Python.
DONE, NEED_CALLS, NEED_UNIFORMS, FLUSH, GROW = range(5)
#: Most uniforms one outbound dial draws (contact, talk, need, sale, irritation).
DIAL_UNIFORMS = 5
#: The call log's columns: :data:`~tightrope.model.calls.record.LOG_FIELDS`.
LOG_DAY, LOG_ARRIVAL, LOG_START, LOG_END, LOG_REP = range(len(LOG_FIELDS))
LOG_WIDTH = len(LOG_FIELDS)
#: Columns of the day's unresolved callers: the customer, and 1 for a repeat contact.
UNRESOLVED_CUSTOMER, UNRESOLVED_REPEAT = range(2)

# ---------------------------------------------------------------- teams
#: Pools and queues by team value and queue index (``agents.Team``; a test checks them).
SERVICE_TEAM, SALES_TEAM, BLENDED_TEAM = range(3)
SERVICE_QUEUE, SALES_QUEUE = SERVICE, SALES  # a queue's index is the inbound kind it holds
