"""Fine-tuning page, your own classes: the camera in bursts, like Teachable Machine's hold-to-record.

``st.camera_input`` takes one photo per click, so the recorder is a small ``st.components.v2`` component (part of
Streamlit: no package, no CDN, nothing leaves the machine): the browser's own camera (``getUserMedia``), a
"Hold to record" button that grabs ``FPS`` square frames a second while held, and a "Burst" button for a set
number. The frames come back as one trigger value; ``take_burst`` checks them (lib.finetune_camera), decodes them
through the same bounded path as uploaded photos, and adds them within the caps.
"""

from __future__ import annotations

import streamlit as st

from lib.errors import LessonError
from lib.finetune_camera import MAX_BURST, MAX_TOTAL, add_frames, frames_from_payload, remove_frames
from lib.finetune_data import MAX_PER_CLASS, Collection, decode_uploads
from ui.common import error_message, session_stop, t
from ui.finetune import notices

FPS = 5  # frames a second while the button is held
FRAME_SIDE = 192  # pixels of the square the browser sends (centre of the video); stored at 96
LAST_BURST = "ft_last_burst"  # session_state: (class name, how many frames the last burst added)

HTML = """
<div class="dlp-cam">
  <video autoplay muted playsinline></video>
  <div class="row">
    <button class="hold" type="button" disabled></button>
    <button class="burst" type="button" disabled></button>
    <span class="status" aria-live="polite"></span>
  </div>
</div>
"""

CSS = """
.dlp-cam { font-family: var(--st-font, sans-serif); color: var(--st-text-color); }
.dlp-cam video { width: 240px; max-width: 100%; aspect-ratio: 4 / 3; background: #222; border-radius: 0.5rem;
  object-fit: cover; display: block; }
.dlp-cam .row { display: flex; gap: 0.5rem; align-items: center; margin-top: 0.5rem; flex-wrap: wrap; }
.dlp-cam button { font: inherit; padding: 0.4rem 0.9rem; border-radius: 0.5rem; cursor: pointer;
  border: 1px solid var(--st-border-color, #ccc); background: var(--st-secondary-background-color, #f0f2f6);
  color: inherit; touch-action: none; user-select: none; }
.dlp-cam button.hold { background: var(--st-primary-color, #ff4b4b); color: #fff; border-color: transparent; }
.dlp-cam button.hold.on { filter: brightness(0.8); }
.dlp-cam button:disabled { opacity: 0.5; cursor: default; }
.dlp-cam .status { font-size: 0.875rem; opacity: 0.8; }
"""

JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  const root = parentElement.querySelector(".dlp-cam");
  const video = root.querySelector("video");
  const hold = root.querySelector(".hold");
  const burst = root.querySelector(".burst");
  const status = root.querySelector(".status");
  hold.textContent = data.hold;
  burst.textContent = data.burst;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = data.side;
  let stream = null, timer = null, frames = [];

  const grab = () => {
    const w = video.videoWidth, h = video.videoHeight;
    if (!w || !h) return;
    const s = Math.min(w, h);
    canvas.getContext("2d").drawImage(video, (w - s) / 2, (h - s) / 2, s, s, 0, 0, data.side, data.side);
    frames.push(canvas.toDataURL("image/jpeg", 0.9));
    status.textContent = data.recording.replace("{count}", frames.length);
  };
  const stop = () => {
    if (!timer) return;
    clearInterval(timer);
    timer = null;
    hold.classList.remove("on");
    status.textContent = "";
    if (frames.length) setTriggerValue("frames", frames);
    frames = [];
  };
  const start = (limit) => {
    if (timer || !stream) return;
    frames = [];
    grab();
    timer = setInterval(() => (frames.length >= limit ? stop() : grab()), 1000 / data.fps);
  };

  hold.addEventListener("pointerdown", (e) => {
    e.preventDefault();
    try { hold.setPointerCapture(e.pointerId); } catch (error) { /* a synthetic pointer: no capture */ }
    hold.classList.add("on");
    start(data.most);
  });
  for (const name of ["pointerup", "pointercancel", "lostpointercapture"]) hold.addEventListener(name, stop);
  hold.addEventListener("keydown", (e) => {
    if ((e.key === " " || e.key === "Enter") && !e.repeat) { e.preventDefault(); hold.classList.add("on"); start(data.most); }
  });
  hold.addEventListener("keyup", (e) => { if (e.key === " " || e.key === "Enter") stop(); });
  burst.addEventListener("click", () => start(data.count));

  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    navigator.mediaDevices
      .getUserMedia({ video: { width: 320, height: 240 }, audio: false })
      .then((s) => {
        stream = s;
        video.srcObject = s;
        video.addEventListener("playing", () => { hold.disabled = burst.disabled = false; }, { once: true });
      })
      .catch(() => { status.textContent = data.no_camera; });
  } else {
    status.textContent = data.no_camera;
  }
  return () => {
    clearInterval(timer);
    if (stream) stream.getTracks().forEach((track) => track.stop());
  };
}
"""

_recorder = st.components.v2.component("dlp_finetune_camera", html=HTML, css=CSS, js=JS)


def take_burst(collection: Collection, name: str, payload: object) -> None:
    """Check, decode and add one burst's frames to class ``name``; keep what was added, refused or not kept for the
    class panel (:mod:`ui.finetune.notices`)."""
    try:
        frames, refused = frames_from_payload(payload)
        good, bad = decode_uploads([(f"frame {i + 1}", data) for i, data in enumerate(frames)], stop=session_stop())
        report = add_frames(collection, name, good)
    except LessonError as error:
        notices.add(name, "warning", error_message(error), ":material/videocam_off:")
        return
    if report.added:
        st.session_state[LAST_BURST] = (name, report.added)
        notices.add(name, "success", t("finetune.target.added", count=report.added, name=name))
    if refused or bad:
        notices.add(name, "warning", t("finetune.camera.refused", count=refused + len(bad), most=MAX_BURST))
    if report.over_class:
        notices.add(
            name, "warning", t("finetune.camera.over_class", name=name, most=MAX_PER_CLASS, count=report.over_class)
        )
    if report.over_total:
        notices.add(name, "warning", t("finetune.camera.over_total", most=MAX_TOTAL, count=report.over_total))


def render(collection: Collection, name: str, index: int) -> None:
    """The burst recorder for class ``name`` (the ``index``-th class panel), and undo of its last burst."""
    st.caption(t("finetune.camera.help", fps=FPS, most=MAX_BURST, name=name))
    count = st.slider(t("finetune.camera.burst_size"), 1, MAX_BURST, 10, key=f"ft_burst_size_{index}")
    result = _recorder(
        key=f"ft_camera_{index}",
        data={
            "hold": t("finetune.camera.hold"),
            "burst": t("finetune.camera.burst", count=count),
            "recording": t("finetune.camera.recording", count="{count}"),
            "no_camera": t("finetune.camera.no_camera"),
            "fps": FPS,
            "most": MAX_BURST,
            "count": count,
            "side": FRAME_SIDE,
        },
        on_frames_change=lambda: None,
    )
    if result.get("frames"):
        take_burst(collection, name, result["frames"])
        st.rerun()  # the panel's title counts the class's images: redraw it, with what the burst reported
    last = st.session_state.get(LAST_BURST)
    if last is None or last[0] != name or len(collection.get(name, [])) < last[1]:
        return
    if st.button(t("finetune.camera.undo", count=last[1]), key=f"ft_undo_burst_{index}", icon=":material/undo:"):
        remove_frames(collection, name, list(range(len(collection[name]) - last[1], len(collection[name]))))
        st.session_state[LAST_BURST] = None
        st.rerun()
