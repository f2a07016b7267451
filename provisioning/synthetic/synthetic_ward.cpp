#include "provisioning/synthetic/synthetic_ward.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "kiosk/survey/name_samples.hpp"

namespace shogo::survey::synthetic {

std::uint64_t Rng::next() {
  state_ += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state_;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t Rng::below(std::uint64_t n) {
  assert(n > 0 && "Rng::below() called with an empty range");
  const std::uint64_t threshold = (std::uint64_t{0} - n) % n;  // 2^64 mod n: the biased tail
  for (;;) {
    const std::uint64_t x = next();
    if (x >= threshold) return x % n;
  }
}

int Rng::uniform(int lo, int hi) {
  assert(lo <= hi && "Rng::uniform() called with lo > hi");
  const auto span = static_cast<std::uint64_t>(std::int64_t{hi} - std::int64_t{lo}) + 1;
  return static_cast<int>(std::int64_t{lo} + static_cast<std::int64_t>(below(span)));
}

bool Rng::percent(int p) { return uniform(0, 99) < p; }

namespace {

// ---------------------------------------------------------------------------
// Name tables. Common surnames and given names, combined at random; a kana for
// every part. Hard characters are written as escapes so the source is unambiguous.

using Part = survey::NamePart;

constexpr Part kSurnames[] = {
    {"佐藤", "サトウ"},     {"鈴木", "スズキ"},   {"高橋", "タカハシ"}, {"田中", "タナカ"},
    {"伊藤", "イトウ"},     {"渡辺", "ワタナベ"}, {"山本", "ヤマモト"}, {"中村", "ナカムラ"},
    {"小林", "コバヤシ"},   {"加藤", "カトウ"},   {"吉田", "ヨシダ"},   {"山田", "ヤマダ"},
    {"佐々木", "ササキ"},   {"山口", "ヤマグチ"}, {"松本", "マツモト"}, {"井上", "イノウエ"},
    {"木村", "キムラ"},     {"林", "ハヤシ"},     {"斎藤", "サイトウ"}, {"清水", "シミズ"},
    {"山崎", "ヤマザキ"},   {"森", "モリ"},       {"池田", "イケダ"},   {"橋本", "ハシモト"},
    {"阿部", "アベ"},       {"石川", "イシカワ"}, {"山下", "ヤマシタ"}, {"中島", "ナカジマ"},
    {"石井", "イシイ"},     {"小川", "オガワ"},   {"前田", "マエダ"},   {"岡田", "オカダ"},
    {"長谷川", "ハセガワ"}, {"藤田", "フジタ"},   {"後藤", "ゴトウ"},   {"近藤", "コンドウ"},
    {"村上", "ムラカミ"},   {"遠藤", "エンドウ"}, {"青木", "アオキ"},   {"坂本", "サカモト"},
    {"葛西", "カサイ"},     {"辻", "ツジ"},
};

constexpr Part kGivenNames[] = {
    {"一郎", "イチロウ"}, {"太郎", "タロウ"},   {"次郎", "ジロウ"},   {"健", "ケン"},
    {"誠", "マコト"},     {"浩", "ヒロシ"},     {"清", "キヨシ"},     {"茂", "シゲル"},
    {"勇", "イサム"},     {"大輔", "ダイスケ"}, {"翔太", "ショウタ"}, {"拓也", "タクヤ"},
    {"健太", "ケンタ"},   {"蓮", "レン"},       {"悠真", "ユウマ"},   {"陽翔", "ハルト"},
    {"大和", "ヤマト"},   {"和夫", "カズオ"},   {"正男", "マサオ"},   {"治", "オサム"},
    {"優", "ユウ"},       {"花子", "ハナコ"},   {"幸子", "サチコ"},   {"和子", "カズコ"},
    {"洋子", "ヨウコ"},   {"恵子", "ケイコ"},   {"京子", "キョウコ"}, {"裕子", "ユウコ"},
    {"美穂", "ミホ"},     {"愛", "アイ"},       {"陽菜", "ヒナ"},     {"結衣", "ユイ"},
    {"さくら", "サクラ"}, {"葵", "アオイ"},     {"美咲", "ミサキ"},   {"みどり", "ミドリ"},
    {"千代", "チヨ"},     {"ハル", "ハル"},     {"トメ", "トメ"},     {"ヴィオラ", "ヴィオラ"},
};

using survey::kHardNames;

constexpr std::size_t kHardCount = std::size(kHardNames);

constexpr std::string_view kFullWidthSpace = "\u3000";

constexpr auto kHardFull = [] {
  std::array<std::string_view, kHardCount> out{};
  for (std::size_t i = 0; i < kHardCount; ++i) out[i] = kHardNames[i].full;
  return out;
}();

// Residents whose birth dates sit on the era boundaries a 和暦 formatter must get right.
constexpr Date kEraBirths[] = {
    {1912, 7, 29},   // 明治45年7月29日, the last day of 明治
    {1912, 7, 30},   // 大正元年7月30日
    {1926, 12, 24},  // 大正15年12月24日
    {1926, 12, 25},  // 昭和元年12月25日
    {1989, 1, 7},    // 昭和64年1月7日
    {1989, 1, 8},    // 平成元年1月8日
    {2019, 4, 30},   // 平成31年4月30日
    {2019, 5, 1},    // 令和元年5月1日
    {2000, 2, 29},   // a leap day
};

constexpr std::string_view kTowns[] = {"桜町", "若葉町", "緑が丘", "本町", "旭町",
                                       "東雲", "青葉台", "松風町", "梅園", "柳原"};
constexpr std::string_view kKanjiNumbers[] = {"一", "二", "三", "四", "五", "六"};
constexpr std::string_view kBuildings[] = {"さくらハイツ", "グリーンコート架空", "架空第二住宅",
                                           "メゾン旭"};

constexpr std::string_view kSiteNames[] = {"本庁舎",   "北出張所",   "南出張所",   "東出張所",
                                           "西出張所", "中央出張所", "駅前出張所", "臨海出張所"};

// P6.5.a details as the sheets write them.
constexpr std::string_view kKosekiIssue[] = {"戸籍全部事項証明書", "戸籍個人事項証明書",
                                             "除籍全部事項証明書", "改製原戸籍謄本",
                                             "戸籍の附票の写し",   "身分証明書"};
constexpr std::string_view kKosekiPrint[] = {"出生届", "婚姻届", "死亡届",
                                             "離婚届", "転籍届", "戸籍事務専用帳票"};
constexpr std::string_view kJukiIssue[] = {"住民票の写し交付", "住民票記載事項証明書交付",
                                           "住民票除票の写し交付"};
constexpr std::string_view kJukiPrint[] = {"転入届", "転出届", "転居届", "世帯変更届",
                                           "確認用住民票"};
constexpr std::string_view kJukinetDetails[] = {"本人確認情報照会", "住民票の写しの広域交付",
                                                "転入通知受信確認", "個人番号カード交付",
                                                "本人確認情報検索"};

constexpr int kMorningSharePercent = 85;  // of series_per_system, opening to 12:00
constexpr int kNoon = 12 * 3600;
constexpr int kTerminalRestSeconds = 30;  // between two series at one terminal
constexpr int kOperatorRestSeconds = 20;  // between two series of one operator
constexpr int kRecentSeconds = 3600;      // try not to revisit a resident within this

// ---------------------------------------------------------------------------
// Small helpers.

std::uint64_t stream_seed(std::uint64_t seed, std::uint64_t stream) {
  Rng r(seed ^ (stream * 0xD1B54A32D192ED03ULL));
  return r.next();
}

TimeOfDay time_of(int seconds) { return {seconds / 3600, seconds / 60 % 60, seconds % 60}; }

std::string two_digits(int n) {
  std::string s = std::to_string(n);
  if (s.size() < 2) s.insert(s.begin(), '0');
  return s;
}

std::string join_name(std::string_view surname, std::string_view given) {
  std::string s(surname);
  s += kFullWidthSpace;
  s += given;
  return s;
}

// Ids that rise by random steps from base: unique, sorted, shaped like real ones.
std::vector<std::string> make_ids(Rng& rng, char prefix, int base, int span, int count) {
  std::vector<std::string> ids;
  const int step = std::max(1, span / std::max(1, count));
  int n = base;
  for (int i = 0; i < count; ++i) {
    n += rng.uniform(1, step);
    std::string id(1, prefix);
    id += std::to_string(n);
    ids.push_back(std::move(id));
  }
  return ids;
}

// ---------------------------------------------------------------------------
// Residents.

Date random_birth(Rng& rng, int max_year) {
  struct Band {
    int below;  // of 1000
    int lo, hi;
  };
  constexpr Band kBands[] = {{15, 1915, 1926},  // 大正: a few
                             {120, 1927, 1945},
                             {400, 1946, 1975},
                             {750, 1976, 2000},
                             {1000, 2001, 2025}};
  const int roll = rng.uniform(0, 999);
  const Band* band = std::begin(kBands);
  while (roll >= band->below) ++band;
  const int hi = std::min(band->hi, max_year);
  const int lo = std::min(band->lo, hi);
  Date d;
  d.year = rng.uniform(lo, hi);
  d.month = rng.uniform(1, 12);
  d.day = rng.uniform(1, days_in_month(d.year, d.month));
  return d;
}

std::string random_address(Rng& rng) {
  std::string a = "東京都架空区";
  a += rng.pick(kTowns);
  a += rng.pick(kKanjiNumbers);
  a += "丁目";
  // One draw per statement: the order operands are evaluated in is unspecified.
  a += std::to_string(rng.uniform(1, 28)) + "番";
  a += std::to_string(rng.uniform(1, 20)) + "号";
  if (rng.percent(15)) {
    a += kFullWidthSpace;
    a += rng.pick(kBuildings);
    a += std::to_string(rng.uniform(1, 5));
    a += two_digits(rng.uniform(1, 12)) + "号室";
  }
  return a;
}

struct ResidentKey {
  std::string name;
  Date birth;
  auto operator<=>(const ResidentKey&) const = default;
};

std::vector<Resident> make_residents(Rng& rng, int count, Date day, std::set<ResidentKey>& keys) {
  const auto n = static_cast<std::size_t>(count);
  // One permutation decides who carries a hard name and who an era-boundary birth.
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = i;
  for (std::size_t i = 0; i + 1 < n; ++i) {
    std::swap(order[i], order[i + static_cast<std::size_t>(rng.below(n - i))]);
  }
  const std::size_t hard = std::min(n, std::max(kHardCount, (n * 5 + 50) / 100));
  std::vector<std::optional<std::size_t>> hard_of(n);  // index into kHardNames-derived slots
  std::vector<std::optional<Date>> era_of(n);
  for (std::size_t j = 0; j < hard; ++j) hard_of[order[j]] = j;
  std::size_t next = hard;
  for (const Date& d : kEraBirths) {
    if (next >= n) break;
    if (d >= day) continue;
    era_of[order[next++]] = d;
  }

  const int max_year = std::max(1916, std::min(2025, day.year - 1));
  std::vector<Resident> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    Resident r;
    for (;;) {
      Part surname = rng.pick(kSurnames);
      Part given = rng.pick(kGivenNames);
      if (hard_of[i]) {
        const std::size_t j = *hard_of[i];
        surname = kHardNames[j % kHardCount].surname;
        if (j < kHardCount) given = kHardNames[j].given;  // the verbatim hard_names() entry
      }
      r.name = join_name(surname.text, given.text);
      r.kana = join_name(surname.kana, given.kana);
      r.birth = era_of[i] ? *era_of[i] : random_birth(rng, max_year);
      if (keys.insert({r.name, r.birth}).second) break;
    }
    r.address = random_address(rng);
    out.push_back(std::move(r));
  }
  return out;
}

// A date that differs from d in exactly one digit of YYYYMMDD, still a valid
// date before max, and not the birth date of a resident with that name.
Date mistyped(Rng& rng, const std::string& name, Date d, Date max,
              const std::set<ResidentKey>& keys) {
  for (;;) {
    Date t = d;
    const int delta = rng.uniform(1, 9);
    switch (rng.uniform(0, 3)) {
      case 0: t.year = t.year / 10 * 10 + (t.year % 10 + delta) % 10; break;
      case 1:
        t.year = t.year / 100 * 100 + (t.year / 10 % 10 + delta) % 10 * 10 + t.year % 10;
        break;
      case 2: t.month = t.month / 10 * 10 + (t.month % 10 + delta) % 10; break;
      default: t.day = t.day / 10 * 10 + (t.day % 10 + delta) % 10; break;
    }
    if (is_valid_date(t) && t < max && keys.count({name, t}) == 0) return t;
  }
}

// ---------------------------------------------------------------------------
// Operators.

struct OperatorInfo {
  std::size_t home_site = 0;
  System primary = System::koseki;
  std::vector<std::pair<int, int>> busy;  // [start, end] seconds of its series
};

std::string staff_name(Rng& rng, std::set<std::string>& used) {
  for (;;) {
    const std::string_view surname = rng.pick(kSurnames).text;
    std::string n = join_name(surname, rng.pick(kGivenNames).text);
    if (used.insert(n).second) return n;
  }
}

void make_operators(Rng& rng, const WardOptions& o, std::size_t sites, Ward& w,
                    std::vector<OperatorInfo>& info) {
  std::set<std::string> used;
  const auto add = [&](const std::vector<std::string>& ids, OperatorKind kind) {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      w.operators.push_back({ids[i], kind, staff_name(rng, used)});
      OperatorInfo oi;
      switch (kind) {
        case OperatorKind::staff:
          oi.home_site = sites ? i % sites : 0;
          oi.primary = kAllSystems[i % std::size(kAllSystems)];
          break;
        case OperatorKind::other_division:
          oi.home_site = 0;  // other divisions sit at the main office
          oi.primary = System::juki;
          break;
        case OperatorKind::contractor:
          oi.home_site = sites ? i % sites : 0;
          oi.primary = i % 2 ? System::juki : System::koseki;
          break;
      }
      info.push_back(std::move(oi));
    }
  };
  add(make_ids(rng, 'K', 10000, 9000, std::max(0, o.staff)), OperatorKind::staff);
  add(make_ids(rng, 'T', 2000, 900, std::max(0, o.other_division)), OperatorKind::other_division);
  add(make_ids(rng, 'C', 3000, 900, std::max(0, o.contractors)), OperatorKind::contractor);
}

// ---------------------------------------------------------------------------
// Access log.

struct SeriesPlan {
  int start = 0;
  std::vector<int> offsets;  // seconds after start, one per row, rising
  bool typo = false;         // offsets[0] is the mistyped search (P6.5.b)
  std::optional<std::size_t> resident;
};

bool allowed(System s, OperatorKind k) {
  switch (s) {
    case System::koseki: return k != OperatorKind::other_division;
    case System::juki: return true;
    case System::jukinet: return k != OperatorKind::other_division;
  }
  return false;
}

OperatorKind desired_kind(Rng& rng, System s) {
  const int roll = rng.uniform(0, 99);
  switch (s) {
    case System::koseki: return roll < 75 ? OperatorKind::staff : OperatorKind::contractor;
    case System::juki:
      if (roll < 55) return OperatorKind::staff;
      return roll < 85 ? OperatorKind::contractor : OperatorKind::other_division;
    case System::jukinet: return OperatorKind::staff;
  }
  return OperatorKind::staff;
}

bool is_free(const OperatorInfo& oi, int start, int end) {
  for (const auto& [s, e] : oi.busy) {
    if (start < e + kOperatorRestSeconds && s < end + kOperatorRestSeconds) return false;
  }
  return true;
}

std::optional<std::size_t> choose_operator(Rng& rng, const Ward& w,
                                           const std::vector<OperatorInfo>& info, System sys,
                                           OperatorKind kind, std::size_t site, int start,
                                           int end) {
  // Tiers, best first: the right kind at home on this system and site, the right
  // kind anywhere, any kind the system allows; free in all of them.
  std::vector<std::size_t> tier[3];
  for (std::size_t i = 0; i < w.operators.size(); ++i) {
    const OperatorKind k = w.operators[i].kind;
    if (!allowed(sys, k) || !is_free(info[i], start, end)) continue;
    if (k == kind && info[i].primary == sys && info[i].home_site == site) tier[0].push_back(i);
    if (k == kind) tier[1].push_back(i);
    tier[2].push_back(i);
  }
  for (const auto& t : tier) {
    if (!t.empty()) return rng.pick(t);
  }
  return std::nullopt;
}

OperationKind main_operation(Rng& rng, System sys, OperatorKind kind) {
  if (sys == System::jukinet) return OperationKind::cs_operation;           // P6.5.a エ
  if (kind == OperatorKind::other_division) return OperationKind::inquiry;  // P6.5.a カ
  const int roll = rng.uniform(0, 99);
  if (kind == OperatorKind::contractor) {
    return roll < 85 ? OperationKind::certificate_issue : OperationKind::inquiry;
  }
  if (roll < 40) return OperationKind::certificate_issue;
  return roll < 65 ? OperationKind::confirmation_print : OperationKind::inquiry;
}

std::string_view detail_for(Rng& rng, System sys, OperationKind op, OperatorKind kind) {
  switch (op) {
    case OperationKind::certificate_issue:
      return sys == System::koseki ? rng.pick(kKosekiIssue) : rng.pick(kJukiIssue);
    case OperationKind::confirmation_print:
      return sys == System::koseki ? rng.pick(kKosekiPrint) : rng.pick(kJukiPrint);
    case OperationKind::inquiry:
      if (kind == OperatorKind::other_division) return "住民記録照会（他課閲覧）";
      return sys == System::koseki ? "戸籍照会" : "住民記録照会";
    case OperationKind::cs_operation: return rng.pick(kJukinetDetails);
  }
  return "照会";
}

std::vector<int> series_offsets(Rng& rng, bool typo) {
  const int roll = rng.uniform(0, 99);
  const int rows = roll < 40 ? 1 : roll < 70 ? 2 : roll < 90 ? 3 : 4;
  std::vector<int> offsets;
  int t = 0;
  if (typo) {
    offsets.push_back(0);
    t = rng.uniform(10, 50);  // P6.5.b: corrected within a minute
  }
  for (int i = 0; i < rows; ++i) {
    if (i > 0) t += rng.uniform(15, 150);
    offsets.push_back(t);
  }
  return offsets;
}

std::vector<SeriesPlan> plan_series(Rng& rng, int count, int opens, int closes) {
  std::vector<SeriesPlan> plans(static_cast<std::size_t>(count));
  const bool has_afternoon = closes - 600 > kNoon;
  const int morning =
      opens < kNoon ? (has_afternoon ? count * kMorningSharePercent / 100 : count) : 0;
  // P6.2: an even grid with jitter inside each cell keeps every morning window full.
  const int gap = morning > 0 ? std::max(1, (kNoon - opens) / morning) : 1;
  for (int i = 0; i < count; ++i) {
    SeriesPlan& p = plans[static_cast<std::size_t>(i)];
    if (i < morning) {
      p.start = opens + i * gap + rng.uniform(0, gap - 1);
    } else {
      p.start = rng.uniform(std::max(opens, kNoon), std::max(opens, closes - 600));
    }
  }
  std::stable_sort(plans.begin() + morning, plans.end(),
                   [](const SeriesPlan& a, const SeriesPlan& b) { return a.start < b.start; });
  return plans;
}

// Distinct indices in [0, n), k of them (k <= n), in random order.
std::vector<std::size_t> sample(Rng& rng, std::size_t n, std::size_t k) {
  std::vector<std::size_t> all(n);
  for (std::size_t i = 0; i < n; ++i) all[i] = i;
  k = std::min(k, n);
  for (std::size_t i = 0; i < k; ++i) {
    std::swap(all[i], all[i + static_cast<std::size_t>(rng.below(n - i))]);
  }
  all.resize(k);
  return all;
}

struct TerminalState {
  std::size_t index;  // into Ward::terminals
  std::size_t site;   // into Ward::sites
  int busy_until = -1;
  std::optional<std::size_t> last_resident;
};

void make_log(Rng& rng, System sys, const WardOptions& o, const std::set<ResidentKey>& keys,
              Ward& w, std::vector<OperatorInfo>& info) {
  std::vector<TerminalState> terms;
  for (std::size_t i = 0; i < w.terminals.size(); ++i) {
    if (w.terminals[i].system != sys) continue;
    for (std::size_t s = 0; s < w.sites.size(); ++s) {
      if (w.sites[s].id == w.terminals[i].site_id) terms.push_back({i, s, -1, std::nullopt});
    }
  }
  if (terms.empty() || w.operators.empty() || w.residents.empty()) return;

  int opens = 24 * 3600, closes = 0;
  for (const Site& s : w.sites) {
    opens = std::min(opens, s.opens.seconds_since_midnight());
    closes = std::max(closes, s.closes.seconds_since_midnight());
  }
  const int count = std::max(0, o.series_per_system);
  std::vector<SeriesPlan> plans = plan_series(rng, count, opens, closes);

  const auto n_plans = plans.size();
  for (std::size_t i : sample(rng, n_plans, n_plans / 40 + (n_plans ? 1 : 0))) {
    plans[i].typo = true;
  }
  // Every system's log shows each verbatim hard_names() resident once.
  std::vector<std::size_t> hard_residents;
  for (std::string_view full : kHardFull) {
    for (std::size_t r = 0; r < w.residents.size(); ++r) {
      if (w.residents[r].name == full) {
        hard_residents.push_back(r);
        break;
      }
    }
  }
  const std::vector<std::size_t> hard_slots = sample(rng, n_plans, hard_residents.size());
  for (std::size_t j = 0; j < hard_slots.size(); ++j) {
    plans[hard_slots[j]].resident = hard_residents[j];
  }

  std::vector<int> last_seen(w.residents.size(), -kRecentSeconds - 1);
  std::vector<AccessLogRow> rows;
  for (SeriesPlan& p : plans) {
    p.offsets = series_offsets(rng, p.typo);
    const int duration = p.offsets.back();
    const OperatorKind kind = desired_kind(rng, sys);

    std::size_t resident = 0;
    if (p.resident) {
      resident = *p.resident;
    } else {
      for (int attempt = 0; attempt < 8; ++attempt) {
        resident = static_cast<std::size_t>(rng.below(w.residents.size()));
        if (p.start - last_seen[resident] > kRecentSeconds) break;
      }
    }

    // A free terminal open for the whole series; else the one that frees first.
    std::vector<std::size_t> free_now;
    std::optional<std::size_t> earliest;
    int earliest_start = 0;
    for (std::size_t t = 0; t < terms.size(); ++t) {
      const TerminalState& ts = terms[t];
      const Site& site = w.sites[ts.site];
      if (ts.last_resident == resident) continue;  // keeps P6.2 series apart
      const int start = std::max(
          {p.start, ts.busy_until + kTerminalRestSeconds, site.opens.seconds_since_midnight()});
      if (start + duration > site.closes.seconds_since_midnight()) continue;
      if (start == p.start) free_now.push_back(t);
      if (!earliest || start < earliest_start) {
        earliest = t;
        earliest_start = start;
      }
    }
    if (!earliest) continue;  // no room left today: the series is dropped
    const std::size_t t = free_now.empty() ? *earliest : rng.pick(free_now);
    const int start = free_now.empty() ? earliest_start : p.start;

    const auto op_index =
        choose_operator(rng, w, info, sys, kind, terms[t].site, start, start + duration);
    if (!op_index) continue;
    const Operator& op = w.operators[*op_index];
    const Resident& res = w.residents[resident];
    const OperationKind main = main_operation(rng, sys, op.kind);

    std::size_t first_real = 0;
    if (p.typo) {
      const Date wrong = mistyped(rng, res.name, res.birth, o.day, keys);
      const OperationKind search =
          sys == System::jukinet ? OperationKind::cs_operation : OperationKind::inquiry;
      rows.push_back({sys, o.day, time_of(start), w.terminals[terms[t].index].id, op.id, search,
                      std::string(sys == System::jukinet ? "本人確認情報検索"
                                                         : detail_for(rng, sys, search, op.kind)),
                      res.name, res.kana, wrong, ""});
      first_real = 1;
    }
    for (std::size_t r = first_real; r < p.offsets.size(); ++r) {
      // An issue or a print usually starts by looking the person up.
      const bool lookup =
          r == first_real && p.offsets.size() - first_real > 1 &&
          (main == OperationKind::certificate_issue || main == OperationKind::confirmation_print);
      const OperationKind row_op = lookup ? OperationKind::inquiry : main;
      rows.push_back({sys, o.day, time_of(start + p.offsets[r]), w.terminals[terms[t].index].id,
                      op.id, row_op, std::string(detail_for(rng, sys, row_op, op.kind)), res.name,
                      res.kana, res.birth, res.address});
    }
    terms[t].busy_until = start + duration;
    terms[t].last_resident = resident;
    info[*op_index].busy.emplace_back(start, start + duration);
    last_seen[resident] = start;
  }
  std::stable_sort(rows.begin(), rows.end(), [](const AccessLogRow& a, const AccessLogRow& b) {
    return std::tie(a.date, a.time, a.terminal_id) < std::tie(b.date, b.time, b.terminal_id);
  });
  w.access_log.insert(w.access_log.end(), std::make_move_iterator(rows.begin()),
                      std::make_move_iterator(rows.end()));
}

}  // namespace

Ward generate_ward(const WardOptions& options) {
  Ward w;
  const int site_count = std::max(0, options.sites);
  for (int i = 0; i < site_count; ++i) {
    Site s;
    // Built by appending: GCC 12 -O3 misreports `"literal" + std::string` (-Wrestrict).
    s.id = "S";
    s.id += two_digits(i + 1);
    if (i < static_cast<int>(std::size(kSiteNames))) {
      s.name = kSiteNames[i];
    } else {
      s.name = "第";
      s.name += std::to_string(i + 1);
      s.name += "出張所";
    }
    s.opens = {8, 30, 0};
    s.closes = i == 2 ? TimeOfDay{19, 0, 0} : TimeOfDay{17, 15, 0};  // S03: extended counter
    w.sites.push_back(std::move(s));
  }
  for (System sys : kAllSystems) {
    const std::string_view prefix = sys == System::koseki ? "KS"
                                    : sys == System::juki ? "JK"
                                                          : "CS";
    for (const Site& s : w.sites) {
      for (int k = 1; k <= options.terminals_per_site_per_system; ++k) {
        std::string id(prefix);
        id += "-";
        id += s.id;
        id += "-";
        id += two_digits(k);
        w.terminals.push_back({std::move(id), s.id, sys});
      }
    }
  }

  Rng operator_rng(stream_seed(options.seed, 1));
  std::vector<OperatorInfo> info;
  make_operators(operator_rng, options, w.sites.size(), w, info);

  Rng resident_rng(stream_seed(options.seed, 2));
  std::set<ResidentKey> keys;
  w.residents = make_residents(resident_rng, std::max(0, options.residents), options.day, keys);

  for (System sys : kAllSystems) {
    Rng log_rng(stream_seed(options.seed, 3 + static_cast<std::uint64_t>(sys)));
    make_log(log_rng, sys, options, keys, w, info);
  }
  return w;
}

std::span<const std::string_view> hard_names() { return kHardFull; }

}  // namespace shogo::survey::synthetic
