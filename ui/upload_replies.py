"""Keep the server's replies to the browser when a script run starts (a Streamlit race).

Choosing a file in any ``st.file_uploader`` first asks the server where to upload it
(a ``file_urls_request``); the reply is queued for the session like any other
message. When a script run starts, Streamlit empties that queue of everything but
lifecycle messages (``ForwardMsgQueue.clear(retain_lifecycle_msgs=True)``), and a
reply not yet sent goes with it. The browser then waits for it forever: the uploader
stays empty, as if no file was chosen, and nothing is logged anywhere. With 8 sessions
on 2 cores the queue is sent later and a rerun (the date fields echoing a slider move,
the map reporting a pan) starts in that gap about once in 12 to 50 chosen files.

A reply answers a request the page is waiting on; it is not output of the run being
replaced, so it is kept. Process-wide, and idempotent: ``app.py`` calls it every run.
"""

from __future__ import annotations

import functools

from streamlit.runtime.forward_msg_queue import ForwardMsgQueue

# ForwardMsg types that answer a request the browser waits on (not a run's output).
REPLIES = frozenset({"file_urls_response", "backend_operation_response", "heartbeat_ack"})


def keep_replies_across_reruns() -> None:
    """Make the session queue keep unsent replies when a new run clears it."""
    clear = ForwardMsgQueue.clear
    if getattr(clear, "keeps_replies", False):
        return

    @functools.wraps(clear)
    def clear_keeping_replies(self, retain_lifecycle_msgs=False, fragment_ids_this_run=None):
        if not retain_lifecycle_msgs:  # ``flush`` (the queue was sent): empty it all
            clear(self, retain_lifecycle_msgs, fragment_ids_this_run)
            return
        replies = [m for m in self._queue if m.WhichOneof("type") in REPLIES]
        clear(self, retain_lifecycle_msgs, fragment_ids_this_run)
        kept = {id(m) for m in self._queue}  # a fragment run already keeps them
        self._queue.extend(m for m in replies if id(m) not in kept)

    clear_keeping_replies.keeps_replies = True
    ForwardMsgQueue.clear = clear_keeping_replies
