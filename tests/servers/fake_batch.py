"""`FakeOpenAIServer` with OpenAI's Batch API: `/v1/files` and `/v1/batches`, for `--batch`.

A file upload (multipart, as the real `openai` client sends it) is kept in memory; a batch
answers each line of its input file as the chat route would, and reports `in_progress` for
the first `polls_before_done` status checks, then `completed` with an output file. Every
batch's input lines are kept (`batches`), so tests can read what was sent.
"""

from __future__ import annotations

import email.parser
import json
import threading
from typing import Any

from .common import Reply, error_reply
from .fake_openai import FakeOpenAIServer


class FakeBatchServer(FakeOpenAIServer):
    def __init__(self, *, polls_before_done: int = 1, **options: Any) -> None:
        super().__init__(**options)
        self.polls_before_done = polls_before_done
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.batch_inputs: list[list[dict[str, Any]]] = []
        self._polls: dict[str, int] = {}
        self._batch_lock = threading.Lock()

    def answer(self, method: str, path: str, headers: dict[str, str], body: bytes) -> Reply:
        route = path.split("?", 1)[0]
        if method == "POST" and route.endswith("/files"):
            return self._upload(headers.get("content-type", ""), body)
        if method == "GET" and route.endswith("/content") and "/files/" in route:
            file_id = route.rsplit("/", 2)[-2]
            if file_id not in self.files:
                return error_reply(404, f"no file {file_id}")
            return Reply(200, self.files[file_id], {"Content-Type": "application/octet-stream"})
        if method == "POST" and route.endswith("/batches"):
            return self._create(json.loads(body))
        if method == "GET" and "/batches/" in route:
            return self._retrieve(route.rsplit("/", 1)[-1])
        return super().answer(method, path, headers, body)

    def _new_id(self, prefix: str) -> str:
        with self._batch_lock:
            return f"{prefix}-{len(self.files) + len(self.batches) + 1}"

    def _upload(self, content_type: str, body: bytes) -> Reply:
        message = email.parser.BytesParser().parsebytes(
            b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        )
        data = b""
        purpose = ""
        for part in message.walk():
            name = part.get_param("name", header="content-disposition")
            if name == "file":
                data = part.get_payload(decode=True) or b""
            elif name == "purpose":
                purpose = (part.get_payload(decode=True) or b"").decode()
        file_id = self._new_id("file")
        self.files[file_id] = data
        return Reply.json(
            200,
            {
                "id": file_id,
                "object": "file",
                "bytes": len(data),
                "created_at": 0,
                "filename": "batch.jsonl",
                "purpose": purpose or "batch",
                "status": "processed",
            },
        )

    def _create(self, request: dict[str, Any]) -> Reply:
        lines = [json.loads(x) for x in self.files[request["input_file_id"]].splitlines() if x]
        self.batch_inputs.append(lines)
        out = []
        for line in lines:
            reply = self._chat(line["body"])
            out.append(
                json.dumps(
                    {
                        "id": f"req-{line['custom_id'][:8]}",
                        "custom_id": line["custom_id"],
                        "response": {"status_code": reply.status, "body": json.loads(reply.body)},
                        "error": None,
                    }
                )
            )
        output_id = self._new_id("file")
        self.files[output_id] = ("\n".join(out) + "\n").encode()
        batch_id = self._new_id("batch")
        self.batches[batch_id] = {
            "id": batch_id,
            "object": "batch",
            "endpoint": request["endpoint"],
            "input_file_id": request["input_file_id"],
            "completion_window": request["completion_window"],
            "created_at": 0,
            "status": "in_progress",
            "output_file_id": None,
            "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
            "_output": output_id,
        }
        self._polls[batch_id] = 0
        return Reply.json(200, self._public(batch_id))

    def _retrieve(self, batch_id: str) -> Reply:
        if batch_id not in self.batches:
            return error_reply(404, f"no batch {batch_id}")
        self._polls[batch_id] += 1
        if self._polls[batch_id] > self.polls_before_done:
            job = self.batches[batch_id]
            job["status"] = "completed"
            job["output_file_id"] = job["_output"]
            counts = job["request_counts"]
            counts["completed"] = counts["total"]
        return Reply.json(200, self._public(batch_id))

    def _public(self, batch_id: str) -> dict[str, Any]:
        return {k: v for k, v in self.batches[batch_id].items() if not k.startswith("_")}
