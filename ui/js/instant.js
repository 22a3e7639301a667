// The map shows a click in the sidebar the moment it happens (ui/instant.py).
//
// Runs in the app's page. Each run of the app hands it `data.lists`: for each quick
// window, the next playback step, each value of each filter (by the text its list
// shows), each filter emptied ("Clear all") and "Clear filters", the events the map
// will show ([[index, number], ...]). A click on one of those controls passes its list
// to the map's frame (BM.showEvents, layers/map/js/events.js) at once; Streamlit goes
// on as always and its run, the authority, sends the same list. A list is used once,
// and anything else done in the sidebar (a slider, a typed date, a layer, a key that
// chooses) makes the lists stale until the next run brings new ones.
const MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]';
const FILTERS = ["exercises", "kinds", "participants", "aircraft"];
const OWN = [".st-key-quick_window", ".st-key-play_step_button", ".st-key-clear_filters_sidebar",
  ".st-key-clear_filters_main", ...FILTERS.map((key) => ".st-key-" + key)];

function showOnMap(shown, frame) {
  const map = document.querySelector(MAP_FRAME);
  const page = map && map.contentWindow;
  try {
    if (page && page.BM && page.BM.showEvents) { page.BM.showEvents(shown, frame); }
  } catch (err) {
    console.warn("briefing map: could not show the change at once", err);
  }
}

function expanded(key) {
  return document.querySelector(".st-key-" + key + ' [aria-expanded="true"]');
}

function filterOf(element) {
  return FILTERS.find((key) => element.closest(".st-key-" + key)) || null;
}

// The list a click on `target` will show, or null when it is not one we know.
function chosen(target, lists) {
  const option = target.closest('[role="option"]');
  if (option) {
    const text = option.textContent.trim();
    if (expanded("quick_window")) { return lists.quick[text] || null; }
    const key = FILTERS.find(expanded);
    return key && lists.filters ? lists.filters[key][text] || null : null;
  }
  const remove = target.closest('button[aria-label^="Remove "]');
  const key = filterOf(target);
  if (remove && key && lists.filters) {
    const tag = remove.closest("[data-tag]");
    return tag ? lists.filters[key][tag.getAttribute("aria-label")] || null : null;
  }
  if (target.closest('button[aria-label="Clear all"]') && key && lists.empty) {
    return lists.empty[key];
  }
  if (target.closest(".st-key-play_step_button button")) { return lists.step; }
  if (target.closest(".st-key-clear_filters_sidebar button, .st-key-clear_filters_main button")) {
    return lists.clear || null;
  }
  return null;
}

function onClick(event) {
  const state = window.__briefingMapInstant;
  if (!state || !state.lists || !(event.target instanceof Element)) { return; }
  const shown = chosen(event.target, state.lists);
  if (shown) {
    state.lists = null;  // once per run: the next run brings lists for the new choice
    showOnMap(shown, state.frame);
  }
}

function isOwn(target) {
  if (OWN.some((selector) => target.closest(selector))) { return true; }
  const option = target.closest('[role="option"]');
  return Boolean(option && ["quick_window", ...FILTERS].some(expanded));
}

// Another control in the sidebar, or a key that chooses, changes what the lists assumed.
function onOtherInput(event) {
  const state = window.__briefingMapInstant;
  if (!state || !(event.target instanceof Element)) { return; }
  const target = event.target;
  if (!target.closest('[data-testid="stSidebar"]') && !target.closest('[role="listbox"]')) {
    return;
  }
  const choosingKey = event.type === "keydown" && (event.key === "Enter" || event.key === " ");
  if (choosingKey || !isOwn(target)) { state.lists = null; }
}

export default function (component) {
  const data = component.data || {};
  window.__briefingMapInstant = {lists: data.lists || null, frame: data.frame};
  if (!window.__briefingMapInstantHooked) {
    window.__briefingMapInstantHooked = true;
    document.addEventListener("click", onClick, true);
    document.addEventListener("pointerdown", onOtherInput, true);
    document.addEventListener("keydown", onOtherInput, true);
  }
}
