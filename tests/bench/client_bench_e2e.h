#pragma once

#include "client_bench_report.h"

namespace oiso::bench::client {

// Starts the embedded server in-process on a loopback port and measures how long a chat message
// written by one RtdbClient takes to reach another client's StreamListener, one message at a
// time. Needs a running QCoreApplication (the clients use its event loop).
void runEndToEnd(const Options& options, Figures& figures, Failures& failures);

} // namespace oiso::bench::client
