"""A browser tab without the browser: Streamlit's own websocket protocol, spoken by a few lines of Python.

The soak drives many sessions in turn; Chromium drawing every chart would take most of the 2 cores it shares
with the server. This client does what a tab does on the wire, so the server runs the same code: the XSRF cookie
from ``/_stcore/health``, the websocket ``/_stcore/stream``, ``rerun_script`` back-messages carrying the page and every widget's
value, uploads through ``file_urls_request`` and an HTTP ``PUT``, and closing the socket as closing the tab does.
"""

from __future__ import annotations

import http.cookies
import threading
import urllib.request
import uuid
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.Element_pb2 import Element
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

XSRF_COOKIE = "_streamlit_xsrf"
RUN_TIMEOUT_S = 120.0


@dataclass
class Run:
    """What one script run drew: elements by widget key, texts by kind, and how it ended."""

    widgets: dict[str, tuple[str, Element]] = field(default_factory=dict)  # key -> (widget id, element)
    headings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # st.error bodies
    exceptions: list[str] = field(default_factory=list)  # tracebacks (st.exception)
    progress: list[str] = field(default_factory=list)
    finished: threading.Event = field(default_factory=threading.Event)


class Tab:
    """One browser tab on the app at ``url``: its own Streamlit session until :meth:`close`."""

    def __init__(self, url: str) -> None:
        self.url = url
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as answer:
            cookie = http.cookies.SimpleCookie()
            for header in answer.headers.get_all("Set-Cookie") or []:
                cookie.load(header)
        self._xsrf = cookie[XSRF_COOKIE].value
        self._socket: ClientConnection = connect(
            url.replace("http", "ws", 1) + "/_stcore/stream",
            subprotocols=["streamlit", self._xsrf],  # ty: ignore[invalid-argument-type]
            additional_headers={"Origin": url, "Cookie": f"{XSRF_COOKIE}={self._xsrf}"},
            max_size=None,
            open_timeout=30,
            legacy=True,  # a connection object kept open across calls, closed by close()
        )
        self.session_id = ""
        self.page = ""
        self.states: dict[str, WidgetState] = {}  # widget id -> the value this tab sends with every rerun
        self.fragments: set[str] = set()  # auto-rerunning fragments (the live training panel)
        self.run = Run()
        self.failed: Exception | None = None  # what stopped the reader, if anything but the socket closing
        self._file_urls: dict[str, object] = {}
        self._answered = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        try:
            for data in self._socket:
                message = ForwardMsg()
                message.ParseFromString(data)
                self._handle(message)
        except ConnectionClosed:
            return
        except Exception as error:  # noqa: BLE001 -- kept, so the waiting call raises it instead of timing out
            self.failed = error
            self.run.finished.set()

    def _handle(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        run = self.run
        if kind == "new_session":
            self.session_id = message.new_session.initialize.session_id
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(run, message.delta.new_element)
        elif kind == "auto_rerun":
            self.fragments.add(message.auto_rerun.fragment_id)
        elif kind == "stop_auto_rerun":
            self.fragments.difference_update(message.stop_auto_rerun.fragment_ids)
        elif kind == "file_urls_response":
            with self._answered:
                self._file_urls[message.file_urls_response.response_id] = message.file_urls_response
                self._answered.notify_all()
        elif kind == "script_finished" and message.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            run.finished.set()

    @staticmethod
    def _element(run: Run, element: Element) -> None:
        kind = element.WhichOneof("type")
        widget_id = getattr(getattr(element, kind), "id", "") if kind else ""
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-"):
            run.widgets[widget_id.split("-", 2)[2]] = (widget_id, element)
        if kind == "heading":
            run.headings.append(element.heading.body)
        elif kind == "alert" and element.alert.format == element.alert.ERROR:
            run.errors.append(element.alert.body)
        elif kind == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "progress":
            run.progress.append(element.progress.text)

    def _rerun(self, *, fragment: str = "", wait: bool = True) -> Run:
        self.run = run = Run()
        message = BackMsg()
        state = message.rerun_script
        state.page_name = self.page
        state.widget_states.widgets.extend(self.states.values())
        if fragment:
            state.fragment_id, state.is_auto_rerun = fragment, True
        self._socket.send(message.SerializeToString())
        if wait and not run.finished.wait(RUN_TIMEOUT_S):
            raise TimeoutError(f"the script run of {self.page or 'Home'} did not finish in {RUN_TIMEOUT_S:.0f} s")
        if self.failed is not None:
            raise RuntimeError("the tab stopped reading the server's messages") from self.failed
        return run

    def open(self, page: str = "") -> Run:
        """Load the app at ``/page`` (its URL path; ``""`` is Home) and wait until the script has run."""
        self.page = page
        self.states.clear()
        return self._rerun()

    def widget(self, key: str) -> str:
        """The widget id of the widget created with ``key=...`` in the latest run."""
        if key not in self.run.widgets:
            raise KeyError(f"no widget with key {key!r} on {self.page or 'Home'}: {sorted(self.run.widgets)}")
        return self.run.widgets[key][0]

    def click(self, key: str) -> Run:
        """Press the button created with ``key=...`` and wait for the run it starts (and any ``st.rerun``)."""
        widget_id = self.widget(key)
        self.states[widget_id] = WidgetState(id=widget_id, trigger_value=True)
        try:
            return self._rerun()
        finally:
            del self.states[widget_id]  # a trigger is true for one run only

    def choose(self, key: str, value: str) -> Run:
        """Set the radio or selectbox created with ``key=...`` to the option ``value`` (its label)."""
        widget_id = self.widget(key)
        self.states[widget_id] = WidgetState(id=widget_id, string_value=value)
        return self._rerun()

    def upload(self, key: str, name: str, data: bytes, *, wait: bool = True) -> Run:
        """Upload ``data`` as file ``name`` through the file uploader created with ``key=...``.

        With ``wait=False`` it returns as soon as the run the upload starts is asked for (to close the tab mid-run).
        """
        widget_id = self.widget(key)
        request = BackMsg()
        request.file_urls_request.request_id = request_id = uuid.uuid4().hex
        request.file_urls_request.session_id = self.session_id
        request.file_urls_request.file_names.append(name)
        self._socket.send(request.SerializeToString())
        with self._answered:
            if not self._answered.wait_for(lambda: request_id in self._file_urls, timeout=RUN_TIMEOUT_S):
                raise TimeoutError("the server gave no upload URL")
        urls = self._file_urls.pop(request_id).file_urls[0]  # ty: ignore[unresolved-attribute]
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                f"Content-Type: application/octet-stream\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        put = urllib.request.Request(
            self.url + urls.upload_url if urls.upload_url.startswith("/") else urls.upload_url,
            data=body,
            method="PUT",
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "X-Xsrftoken": self._xsrf,
                "Cookie": f"{XSRF_COOKIE}={self._xsrf}",
                "Origin": self.url,
            },
        )
        with urllib.request.urlopen(put, timeout=RUN_TIMEOUT_S):
            pass
        state = WidgetState(id=widget_id)
        info = state.file_uploader_state_value.uploaded_file_info.add()
        info.name, info.size, info.file_id = name, len(data), urls.file_id
        info.file_urls.CopyFrom(urls)
        self.states[widget_id] = state
        return self._rerun(wait=wait)

    def poll(self) -> Run:
        """Rerun the auto-rerunning fragments once, as the browser does on their timer (e.g. the live panel)."""
        run = self.run
        for fragment in list(self.fragments):
            run = self._rerun(fragment=fragment)
        return run

    def close(self) -> None:
        """Close the tab: the socket goes, and the server ends the session as for a closed browser tab."""
        self._socket.close()
        self._reader.join(timeout=10)

    def __enter__(self) -> Tab:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
