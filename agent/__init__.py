"""The conversational agent: a LangGraph state machine over the typed tools, with pluggable LLM providers."""
