#pragma once

class QWidget;

namespace oiso::ui {

// A measuring hook for oiso-ui-bench (tests/bench/ui_bench.cpp, docs/benchmarks.md), off unless
// asked for: with OISO_REPORT_FIRST_PAINT=1 in the environment, the end of the first paint of
// any list view inside `window` prints one line to stderr,
//     first-paint-ms N rows R
// N: milliseconds since the program was loaded (its static objects initialised, before main());
// R: the rows of that list's model. Without the variable nothing is installed.
void reportFirstPaintIfAsked(QWidget& window);

} // namespace oiso::ui
