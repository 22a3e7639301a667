"""A chosen file survives a rerun that starts before the server's reply is sent.

The race itself is timing (the browser test meets it under load); here the session's
queue is driven the way Streamlit drives it: the reply to "where do I upload this file?"
is queued, a run starts and clears the queue, then the queue is sent.
"""

from __future__ import annotations

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

from ui.upload_replies import keep_replies_across_reruns


def reply(request_id: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.file_urls_response.response_id = request_id
    return msg


def element(text: str) -> ForwardMsg:
    msg = ForwardMsg()
    msg.metadata.delta_path[:] = [0, 0]
    msg.delta.new_element.markdown.body = text
    return msg


@pytest.fixture
def queue(monkeypatch) -> ForwardMsgQueue:
    monkeypatch.setattr(ForwardMsgQueue, "clear", ForwardMsgQueue.clear)  # undone afterwards
    keep_replies_across_reruns()
    keep_replies_across_reruns()  # app.py calls it every run: it must wrap only once
    return ForwardMsgQueue()


def sent(queue: ForwardMsgQueue) -> list[str]:
    return [m.WhichOneof("type") for m in queue.flush()]


def test_the_reply_to_a_chosen_file_is_sent_after_a_rerun_starts(queue):
    queue.enqueue(element("the old run's output"))
    queue.enqueue(reply("request-1"))
    queue.clear(retain_lifecycle_msgs=True)  # what a run's start does
    messages = queue.flush()
    assert [m.file_urls_response.response_id for m in messages] == ["request-1"]


def test_a_fragment_run_keeps_the_reply_once(queue):
    queue.enqueue(reply("request-2"))
    queue.clear(retain_lifecycle_msgs=True, fragment_ids_this_run=["fragment"])
    assert sent(queue) == ["file_urls_response"]


def test_sending_the_queue_still_empties_it(queue):
    queue.enqueue(reply("request-3"))
    assert sent(queue) == ["file_urls_response"]
    assert sent(queue) == []
