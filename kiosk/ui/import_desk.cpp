#include "kiosk/ui/import_desk.hpp"

#include <cassert>
#include <utility>

namespace shogo::ui {

ImportDesk::~ImportDesk() {
  cancel();
  wait();
}

void ImportDesk::start(Job job, std::string actor, survey::ImportRequest request) {
  assert(!busy_ && "ImportDesk::start() while a job is running");
  wait();  // joins the previous, finished worker
  job_ = job;
  busy_ = true;
  cancel_ = false;
  rows_read_ = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    result_.reset();
  }
  request.progress = [this](std::uint64_t rows) {
    rows_read_ = rows;
    return !cancel_;
  };
  worker_ = std::thread([this, job, who = std::move(actor), req = std::move(request)]() {
    survey::ImportFailure failed_at;
    auto report = job == Job::preview ? survey::preview_import(vault_, req, &failed_at)
                                      : survey::import_sheet(vault_, who, req, &failed_at);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      result_.emplace(Outcome{job, std::move(report), failed_at});
    }
    busy_ = false;
  });
}

std::optional<ImportDesk::Outcome> ImportDesk::take_result() {
  if (busy_) return std::nullopt;
  std::lock_guard<std::mutex> lock(mutex_);
  std::optional<Outcome> out = std::move(result_);
  result_.reset();
  return out;
}

void ImportDesk::wait() {
  if (worker_.joinable()) worker_.join();
}

}  // namespace shogo::ui
