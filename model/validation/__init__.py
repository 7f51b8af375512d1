"""Validation against queueing theory: exact Erlang C / Erlang A and the queue-only mode."""
