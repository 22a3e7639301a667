// The map shows a date window the moment it is picked (ui/instant.py).
//
// Runs in the app's page. Each run of the app hands it `data`: for each quick-window
// choice and for the next playback step, the events the map will show
// ([[index, number], ...]) and how it frames them. A click on one of those controls
// passes the list to the map's frame (BM.showEvents, layers/map/js/events.js) at once;
// Streamlit goes on as always and its run, the authority, sends the same list.
// Anything else done in the sidebar makes the lists stale until the next run.
const MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]';
const QUICK = ".st-key-quick_window";
const STEP = ".st-key-play_step_button";

function showOnMap(shown, frame) {
  const map = document.querySelector(MAP_FRAME);
  const page = map && map.contentWindow;
  try {
    if (page && page.BM && page.BM.showEvents) { page.BM.showEvents(shown, frame); }
  } catch (err) {
    console.warn("briefing map: could not show the window at once", err);
  }
}

function chosen(target, data) {
  const option = target.closest('[role="option"]');
  if (option && document.querySelector(QUICK + ' [aria-expanded="true"]')) {
    return data.quick[option.textContent.trim()] || null;
  }
  if (target.closest(STEP + " button")) { return data.step; }
  return null;
}

function onClick(event) {
  const state = window.__briefingMapInstant;
  if (!state || !state.data || !(event.target instanceof Element)) { return; }
  const shown = chosen(event.target, state.data);
  if (shown) {
    state.data = null;  // one use per run: the next run brings lists for its window
    showOnMap(shown, state.frame);
  }
}

// Another filter, a layer or a typed date changes what the lists assumed.
function onOtherInput(event) {
  const state = window.__briefingMapInstant;
  if (!state || !(event.target instanceof Element)) { return; }
  const target = event.target;
  if (!target.closest('[data-testid="stSidebar"]')) { return; }
  const own = target.closest(QUICK) || target.closest(STEP) ||
    (target.closest('[role="option"]') && document.querySelector(QUICK + ' [aria-expanded="true"]'));
  if (!own) { state.data = null; }
}

export default function (component) {
  const data = component.data;
  window.__briefingMapInstant = {data: data && data.lists, frame: data && data.frame};
  if (!window.__briefingMapInstantHooked) {
    window.__briefingMapInstantHooked = true;
    document.addEventListener("click", onClick, true);
    document.addEventListener("pointerdown", onOtherInput, true);
    document.addEventListener("keydown", onOtherInput, true);
  }
}
