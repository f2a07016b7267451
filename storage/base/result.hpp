#pragma once
// Shogo's error model (CONTRIBUTING.md, "Errors").
//
//   Expected failures — a wrong passphrase, a bad file, a rule of the
//   procedure violated — are values: functions return Result<T> (or Status)
//   and the caller must look at it ([[nodiscard]]). Programmer errors are
//   asserts with a sentence for a message.
//
// Error::message is plain language shown to a ward manager; it never holds a
// secret or a resident's personal data. This header lives in the bottom
// module (shogo_base, storage/base/) so that every module can use it.

#include <string>
#include <utility>
#include <variant>

// Marks a message for translation (xgettext) where it is written; the kiosk
// translates it where it is shown: tr(error.message.c_str()).
#ifndef N_
#define N_(s) s
#endif

namespace shogo {

struct Error {
  std::string code;     // stable machine id, e.g. "font.missing"
  std::string message;  // one plain sentence for the user
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return std::holds_alternative<T>(v_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const Error& error() const { return std::get<Error>(v_); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Error> v_;
};

struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace shogo
