#pragma once
// ImportDesk — reads or imports one confirmation sheet off the UI thread (P6.4).
//
// A sheet may hold hundreds of thousands of rows; the kiosk keeps drawing (a
// progress line with the rows read and a cancel button) meanwhile. Like
// survey::SignInDesk: while busy() the vault belongs to the worker, and the UI
// must not call the vault until take_result() returned a value (KioskApp
// defers its audit events, and cancels and waits before anything else).
//
//   start(job, actor, request)  begins a preview_import() or import_sheet()
//   busy() / rows_read()        the worker runs / rows read so far (progress)
//   cancel()                    asks the worker to stop (import.cancelled, nothing stored)
//   take_result()               the outcome once, drained at the start of a frame
//   wait()                      blocks until the worker ends (cancel first: short)

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "kiosk/survey/sheet_import.hpp"
#include "kiosk/survey/vault.hpp"

namespace shogo::ui {

class ImportDesk {
 public:
  enum class Job : unsigned char { preview, import };
  struct Outcome {
    Job job = Job::preview;
    Result<survey::ImportReport> report;  // PERSONAL DATA in report.preview
    survey::ImportFailure failed_at;
  };

  explicit ImportDesk(survey::Vault& vault) : vault_(vault) {}
  ~ImportDesk();  // cancels and waits
  ImportDesk(const ImportDesk&) = delete;
  ImportDesk& operator=(const ImportDesk&) = delete;

  void start(Job job, std::string actor, survey::ImportRequest request);
  bool busy() const { return busy_; }
  Job job() const { return job_; }
  std::uint64_t rows_read() const { return rows_read_; }
  void cancel() { cancel_ = true; }
  std::optional<Outcome> take_result();
  void wait();

 private:
  survey::Vault& vault_;
  std::thread worker_;
  std::atomic<bool> busy_{false};
  std::atomic<bool> cancel_{false};
  std::atomic<std::uint64_t> rows_read_{0};
  Job job_ = Job::preview;
  std::mutex mutex_;
  std::optional<Outcome> result_;
};

}  // namespace shogo::ui
