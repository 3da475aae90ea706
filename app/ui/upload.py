"""A fix for Streamlit's file uploader, for screen readers (see the comment below)."""

from __future__ import annotations

import streamlit as st

# Streamlit 1.67 marks the upload drop zone role="presentation" yet gives it a name, a state
# and a tabindex: screen readers may then skip a control they can reach (axe-core's
# presentation-role-conflict). Without the role it is a named region; React leaves it so.
_DROP_ZONE_SCRIPT = """<script>(() => {
  if (window.quizDropZoneFixed) return;
  window.quizDropZoneFixed = true;
  const fix = () => document
    .querySelectorAll('[data-testid="stFileUploaderDropzone"][role="presentation"]')
    .forEach((zone) => zone.removeAttribute("role"));
  fix();
  new MutationObserver(fix).observe(document.body, {
    subtree: true, childList: true, attributes: true, attributeFilter: ["role"],
  });
})();</script>"""


def file_uploader_fix() -> None:
    """Keep the file uploader's drop zone out of axe-core's presentation-role-conflict."""
    st.html(_DROP_ZONE_SCRIPT, unsafe_allow_javascript=True)
