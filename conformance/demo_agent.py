"""A real z4j-bare agent with a tiny in-process engine, for conformance runs against a Java brain.

Emits a task lifecycle (received, started, succeeded) for N tasks, reports queue depths in heartbeats, and
answers retry_task. Configuration comes from the Z4J_* environment printed by ConformanceBrain.
"""
import asyncio
import logging
import os
import sys
import time
import uuid
from datetime import datetime, timezone

from z4j_bare import install_agent
from z4j_core.models import CommandResult, Event
from z4j_core.models.event import EventKind

logging.basicConfig(level=logging.INFO, stream=sys.stderr,
                    format="%(asctime)s %(levelname)s %(name)s: %(message)s")

TASKS = int(os.environ.get("DEMO_TASKS", "3"))


class DemoEngine:
    name = "demo"
    protocol_version = "2"

    def __init__(self):
        self._queue: asyncio.Queue | None = None
        self._loop = None

    def connect_signals(self, loop=None):
        self._loop = loop
        self._queue = asyncio.Queue()
        for i in range(TASKS):
            for kind in ("task.received", "task.started", "task.succeeded"):
                self._queue.put_nowait(Event(
                    id=uuid.uuid4(), project_id=uuid.uuid4(), agent_id=uuid.uuid4(), engine="demo",
                    task_id=f"t-{i}", kind=EventKind(kind), occurred_at=datetime.now(timezone.utc),
                    data={"task_name": "demo.add", "queue": "default", "args": [1, 2], "kwargs": {},
                          "worker": "w1@host", "ratio": 1.0, "note": "é ☃"}))

    def disconnect_signals(self):
        pass

    async def subscribe_events(self):
        while True:
            yield await self._queue.get()

    def get_health(self):
        return {"queue_depths": {"default": 3}, "broker_connected": True}

    def capabilities(self):
        return {"retry_task"}

    async def retry_task(self, task_id, **options):
        return CommandResult(status="success", result={"new_task_id": task_id + "-retry"})


if __name__ == "__main__":
    runtime = install_agent(engines=[DemoEngine()], buffer_path=os.environ.get("DEMO_BUFFER"),
                            dev_mode=os.environ.get("DEMO_DEV_MODE") == "1")
    while True:
        time.sleep(1)
