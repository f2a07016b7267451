#pragma once
// Synthetic ward (架空区): deterministic test and demo data for the survey.
//
// Index
//   Rng              a tiny PRNG (splitmix64) with the same stream on every platform
//   WardOptions      what to generate, defaults in a column
//   Ward             what you get
//   generate_ward()  the generator
//   hard_names()     fixed names that break fonts, IMEs, collations and byte counts
//
// Every name, address and date here is made up: residents are random pairs of a
// common surname and a common given name, living in 東京都架空区, a ward that does
// not exist. Never replace them with data copied from anywhere (style.md,
// "Secrets and personal data in code").
//
// Determinism. The ward is a pure function of WardOptions: only integer
// arithmetic, this file's own Rng (never <random>'s distributions or
// std::shuffle, which differ between standard libraries) and sorts on unique
// keys. String literals are UTF-8, so MSVC needs /utf-8.
//
// What a default ward holds
//   Sites        S01 本庁舎, S02 北出張所, S03 南出張所 (…, then 第N出張所); all open
//                08:30, close 17:15, except S03 which keeps an extended counter
//                until 19:00.
//   Terminals    per system and site, "KS-S01-01" (KOSEKI), "JK-S01-01" (JUKI),
//                "CS-S01-01" (JUKINET CS 端末).
//   Operators    P4.1.a staff "K1xxxx", P4.1.b other-division IDs "T2xxx", P4.2
//                contractor IDs "C3xxx"; display names are synthetic.
//   Residents    "姓　名" and "セイ　メイ" (U+3000 between the parts), births
//                1915–2025 plus a few fixed era-boundary dates (明治45年7月29日,
//                大正元年7月30日, 大正15年12月24日, 昭和元年12月25日, 昭和64年1月7日,
//                平成元年1月8日, 平成31年4月30日, 令和元年5月1日, 2000-02-29), and
//                about 5% carry a hard character (hard_names()). Name + birth
//                date is unique; every birth is before options.day.
//   Access log   one day (options.day) per system, in P6.2 series: 1–4 rows on
//                one resident by one operator at one terminal, 15 s–2.5 min
//                apart, never overlapping another series at that terminal or of
//                that operator. 85% of the series fall in the morning (opening
//                to 12:00) on an even grid, so every 30-minute morning window
//                holds well over 10 viewed persons per system with the defaults;
//                afternoon windows are sparse and can fall short of P6.2 (good
//                for P6.3.d). The 8 hard_names() residents appear in every
//                system's log when there are enough series.
//   Operations   P6.5.a: KOSEKI and JUKI certificate_issue / confirmation_print
//                / inquiry (an issue or print series usually opens with an
//                inquiry); JUKINET cs_operation only; other-division IDs only
//                inquire, in JUKI; contractors mostly issue certificates.
//   P6.5.b       about one series in 40 opens with a mistyped search: a row
//                whose birth date differs from the resident's in exactly one
//                digit of YYYYMMDD (name and kana as typed, address empty since
//                no record matched), then 10–50 s later at the same terminal,
//                by the same operator, the series on the real resident.
//
// A series that cannot be placed inside its terminals' operating hours, or finds
// no free operator the system allows (too few terminals or operators for too
// many series), is dropped; with the defaults none is.

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <span>
#include <string_view>
#include <vector>

#include "kiosk/survey/domain.hpp"

namespace shogo::survey::synthetic {

// splitmix64 (Steele, Lea, Flood 2014; Vigna's public-domain reference code).
// Seed 0 yields 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next();                  // next 64 random bits
  std::uint64_t below(std::uint64_t n);  // uniform in [0, n), unbiased (rejection); n > 0
  int uniform(int lo, int hi);           // uniform in [lo, hi], both included; lo <= hi
  bool percent(int p);                   // true with probability p/100; p <= 0 never, >= 100 always

  template <class Range>
  decltype(auto) pick(const Range& items) {  // one element, uniformly; items not empty
    assert(std::size(items) > 0 && "Rng::pick() called on an empty range");
    return items[static_cast<std::size_t>(below(std::size(items)))];
  }

 private:
  std::uint64_t state_;
};

struct WardOptions {
  std::uint64_t seed = 20261128;  // everything below is a function of this
  int sites = 3;                  // 拠点: S01 本庁舎, S02 北出張所, S03 南出張所, …
  int terminals_per_site_per_system = 2;  // 端末 per (site, system)
  int staff = 24;                         // P4.1.a 住民情報課の職員, ids "K1xxxx"
  int other_division = 6;                 // P4.1.b 他課閲覧用 ID, ids "T2xxx"
  int contractors = 8;                    // P4.2 受託事業者の従事者, ids "C3xxx"
  int residents = 600;                    // 被閲覧者 candidates
  Date day{2026, 11, 18};                 // the logged day; should be a weekday (a Wednesday)
  int series_per_system = 120;            // P6.2 series per system on that day
};

// The whole ward. Residents and access_log are PERSONAL DATA in kind (synthetic
// here): keep them out of reports (P10.4.b) exactly as if they were real.
struct Ward {
  std::vector<Site> sites;               // in id order: S01, S02, …
  std::vector<Terminal> terminals;       // by system, then site, then number
  std::vector<Operator> operators;       // staff, then other-division, then contractors
  std::vector<Resident> residents;       // in generation order; (name, birth) unique
  std::vector<AccessLogRow> access_log;  // sorted by system, date, time, terminal (unique keys)
};

Ward generate_ward(const WardOptions& options = {});  // deterministic; negative counts act as 0

// Fixed full names ("姓　名", U+3000 between) covering every hard character the
// generator uses; each appears verbatim as a resident when residents >= 8:
//   髙 U+9AD9, 邉 U+9089, 齋 U+9F4B, 﨑 U+FA11 (CJK compatibility), 𠮷 U+20BB7
//   (outside the BMP, 4 UTF-8 bytes, 2 UTF-16 units), 葛 U+845B U+E0102 (an IVS
//   IPAmj Mincho has), 葛 U+845B U+E0100 (an IVS it lacks), U+E0A1 (private-use
//   外字: the ward's two-dot 辻).
std::span<const std::string_view> hard_names();

}  // namespace shogo::survey::synthetic
