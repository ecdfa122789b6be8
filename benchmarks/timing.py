"""What the browser benchmarks share: the slider drag measured in the page, and percentiles."""

#: Drags the time bar's slider across the whole span, one step per animation frame, and
#: returns the frame times (ms). Works on every page that runs the engine's time bar.
DRAG = """async (frames) => {
  const bar = window.kaTimebar, slider = bar.slider, max = +slider.max, out = [];
  let last = null;
  await new Promise(done => {
    let i = 0;
    const step = (t) => {
      if (last !== null) { out.push(t - last); }
      last = t;
      if (i > frames) { done(); return; }
      slider.value = String(Math.round(max * i / frames));
      slider.dispatchEvent(new Event('input', {bubbles: true}));
      i++;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  return out;
}"""


def pct(values, p):
    """The p-th percentile (nearest rank) of ``values``, to 0.1 ms."""
    values = sorted(values)
    return round(values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))], 1)
