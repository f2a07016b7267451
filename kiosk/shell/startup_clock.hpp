#pragma once
// Seconds since this process was started by the kernel (exec, dynamic
// loading and static initialisers included), for --print-startup-time.
// Resolution: one clock tick (10 ms on Debian).

namespace shogo::shell {

double seconds_since_process_start();
double monotonic_seconds();

}  // namespace shogo::shell
