"""Test servers on 127.0.0.1: a fake OpenAI-compatible model and a fault-injecting proxy."""
