// The native page scanner: the same projection as src/collect/snapshot/scan.ts (one page file of a large dataset
// -> the typed-array columns of src/model/page.ts), with simdjson parsing and validating the JSON.
//
// It is a fast path in front of the JavaScript scanner, never a replacement: it handles the common, clean page
// and returns null for anything it is not certain to give exactly as the slow path does (then the JavaScript
// scanner reads the page, and when that is not sure either, the slow path). It returns null for:
// - any document simdjson refuses (invalid JSON or UTF-8, lone surrogates, numbers out of range, ...), or a BOM;
// - an envelope other than {"value": [...]} (Graph) or [...] / {"results": [...]} (Jamf), or a duplicated
//   array key;
// - a record, or a field of one, that the fast validators (src/collect/snapshot/fast.ts) would reject;
// - a join key, capabilityStatus or enabled servicePlanId with a byte >= 0x80 (Unicode case mapping and trim
//   are left to JavaScript), an enabled plan id that is empty or holds ',';
// - a date that is not an ISO 8601 date of common.ts ISO_DATE (the fast form or the others: offsets, bare dates,
//   a space for T), or one before the year 100 (Date.UTC maps 0..99 to 1900..1999: left to JavaScript);
// - a numeric Jamf id that is not an integer of at most 15 digits.
//
// Semantics otherwise follow JSON.parse: object keys are compared decoded, the last of duplicated keys wins,
// strings are the decoded UTF-8. Values reduce as records.ts does (s(), k(), toMillis, the fallbacks), keys as
// keys.ts does.
//
// scan(bytes, kind, dicts?, spare?) gives null, or [columns: ArrayBuffer, heap: ArrayBuffer, dict: string[],
// layout: string]. `columns` starts with a header of 8 int32 (records, account rows, 0...), then the f64 columns,
// the int32 columns (StrRef = 2 per row, `start` = rows + 1), the int8 columns, each group in layout order (it is
// `spare` when that buffer was given and is large enough). `layout` lists the columns as `name:type[:acc]`
// separated by ','; it is fixed per kind (with `dicts`, each KeyRef also has a `$nid` column: its keys' numbers in
// the shared key dictionaries below), and src/collect/snapshot/native.ts builds the Page from it.

#include <node_api.h>
#include <simdjson.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <new>
#include <stdexcept>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

struct Bail {};
[[noreturn]] void bail() { throw Bail(); }

// ----------------------------------------------------------------------------------------------------------------
// Output columns

enum Ty { REF, I32, F64, I8, START };

// Key dictionaries a KeyRef column is interned into (src/model/columns.ts Keys): serial, deviceId, udid, user,
// userId; -1 for a column that is not a KeyRef's `$ref`.
enum DictSlot : int8_t { NO_DICT = -1, D_SERIAL, D_DEVICE, D_UDID, D_USER, D_USERID, D_N };

struct ColSpec {
  const char* name;
  Ty ty;
  bool acc;
  int8_t dict = NO_DICT;
};

// Each kind's columns are listed once, as X(enum name, column name, type, account row?, key dictionary), and give
// both the ColSpec array (the layout) and the enum of indexes the scanner writes through.
#define X_SPEC(e, name, ty, acc, dict) {name, ty, acc, dict},
#define X_ENUM(e, name, ty, acc, dict) e,

struct Col {
  Ty ty;
  bool acc;
  std::vector<int32_t> i;
  std::vector<double> d;
  std::vector<int8_t> b;
};

// Per thread (each worker thread has its own): reused from one page to the next.
struct State {
  simdjson::dom::parser parser;
  std::vector<Col> cols;
  /** The page's string bytes (grown by doubling, never shrunk). */
  struct Heap {
    uint8_t* p = nullptr;
    size_t n = 0;
    size_t cap = 0;
    void clear() { n = 0; }
    size_t size() const { return n; }
    bool empty() const { return n == 0; }
    uint8_t* data() { return p; }
    uint8_t& operator[](size_t i) { return p[i]; }
    void reserve(size_t want) {
      if (want <= cap) return;
      size_t c = cap ? cap : 1 << 16;
      while (c < want) c *= 2;
      auto* q = static_cast<uint8_t*>(std::realloc(p, c));
      if (!q) throw std::bad_alloc();
      p = q;
      cap = c;
    }
    /** Makes the heap n bytes long (room only: new bytes are not cleared). */
    void resize(size_t m) {
      reserve(m);
      n = m;
    }
    void append(const char* src, size_t len) {
      reserve(n + len);
      std::memcpy(p + n, src, len);
      n += len;
    }
  } heap;
  std::vector<std::string> dict;
  // The last value put into a StrRef (for its key): heap offset and length, or -1.
  int32_t vOff = -1;
  int32_t vLen = 0;
  int32_t accN = 0;
};

// initial-exec: a plain TLS read (the default model for a shared object calls __tls_get_addr on every access).
thread_local State* S __attribute__((tls_model("initial-exec"))) = nullptr;
// Owns S, so that a scanning thread's state (the parser's buffers, the columns) is freed when the thread ends.
thread_local std::unique_ptr<State> stateOwner;

void reset(const ColSpec* spec, size_t n) {
  auto& cols = S->cols;
  cols.resize(n);
  for (size_t k = 0; k < n; k++) {
    cols[k].ty = spec[k].ty;
    cols[k].acc = spec[k].acc;
    cols[k].i.clear();
    cols[k].d.clear();
    cols[k].b.clear();
  }
  S->heap.clear();
  S->dict.clear();
  S->vOff = -1;
  S->vLen = 0;
  S->accN = 0;
}

inline void putNull(int c) {
  auto& v = S->cols[c].i;
  v.push_back(-1);
  v.push_back(-1);
  S->vOff = -1;
}

// A value that must not be stored (it could not be a JavaScript string as is): a surrogate code point, which
// simdjson would write as ED A0..BF xx.
inline void checkText(std::string_view v) {
  for (size_t k = 0; k + 1 < v.size(); k++) {
    if (static_cast<uint8_t>(v[k]) == 0xED && static_cast<uint8_t>(v[k + 1]) >= 0xA0) bail();
  }
}

inline bool ascii(std::string_view v) {
  const char* p = v.data();
  size_t n = v.size();
  size_t k = 0;
  for (; k + 8 <= n; k += 8) {
    uint64_t w;
    std::memcpy(&w, p + k, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; k < n; k++)
    if (static_cast<uint8_t>(p[k]) >= 0x80) return false;
  return true;
}

// records.ts s(): '' is null, except for the required ids (keepEmpty).
void putStr(int c, std::string_view v, bool keepEmpty) {
  if (v.empty() && !keepEmpty) {
    putNull(c);
    return;
  }
  if (!ascii(v)) checkText(v);
  auto& h = S->heap;
  int32_t off = static_cast<int32_t>(h.size());
  h.append(v.data(), v.size());
  auto& col = S->cols[c].i;
  col.push_back(off);
  col.push_back(static_cast<int32_t>(v.size()));
  S->vOff = off;
  S->vLen = static_cast<int32_t>(v.size());
}

enum KeyMode { K_SERIAL, K_DEVICE, K_UDID, K_USER, K_LOWER };

inline bool jsSpace(uint8_t c) { return c == 32 || (c >= 9 && c <= 13); }

inline bool isZeroGuid(const uint8_t* a) {
  for (int k = 0; k < 36; k++) {
    uint8_t c = a[k];
    if (k == 8 || k == 13 || k == 18 || k == 23 ? c != '-' : c != '0') return false;
  }
  return true;
}

// The join key of the last value (keys.ts), as a StrRef plus its FNV-1a hash. A key that is the value itself
// (trimmed) points into the value's bytes; one that needs its case changed is written after them.
void putKey(int refCol, int hashCol, KeyMode mode) {
  State& st = *S;
  auto& ref = st.cols[refCol].i;
  auto& hash = st.cols[hashCol].i;
  if (st.vOff < 0) {
    ref.push_back(-1);
    ref.push_back(-1);
    hash.push_back(0);
    return;
  }
  auto& h = st.heap;
  int32_t a = st.vOff;
  int32_t z = st.vOff + st.vLen;
  if (mode != K_LOWER) {
    while (a < z && jsSpace(h[a])) a++;
    while (z > a && jsSpace(h[z - 1])) z--;
  }
  int32_t n = z - a;
  bool upper = mode == K_SERIAL || mode == K_UDID;
  uint8_t lo = upper ? 'a' : 'A';
  // One pass: ASCII only (trim and case mapping of other characters are left to JavaScript), whether the case
  // needs a change, and the hash of the bytes as they are.
  uint32_t hv = 0x811c9dc5u;
  bool change = false;
  for (int32_t k = a; k < z; k++) {
    uint8_t c = h[k];
    if (c >= 0x80) bail();
    change |= static_cast<uint8_t>(c - lo) < 26;
    hv = (hv ^ c) * 0x01000193u;
  }
  if (change) {
    int32_t o = static_cast<int32_t>(h.size());
    h.resize(h.size() + n);
    hv = 0x811c9dc5u;
    for (int32_t x = 0; x < n; x++) {
      uint8_t c = h[a + x];
      if (static_cast<uint8_t>(c - lo) < 26) c ^= 32;
      h[o + x] = c;
      hv = (hv ^ c) * 0x01000193u;
    }
    a = o;
  }
  const uint8_t* p = h.data() + a;
  if (mode != K_LOWER &&
      (n == 0 || (mode != K_USER && ((n == 1 && p[0] == '0') || (mode != K_SERIAL && n == 36 && isZeroGuid(p)))))) {
    if (change) h.resize(a);
    ref.push_back(-1);
    ref.push_back(-1);
    hash.push_back(0);
    return;
  }
  ref.push_back(a);
  ref.push_back(n);
  hash.push_back(static_cast<int32_t>(hv));
}

// The page dict index of a string (records.ts k()): -1 for ''.
// The page dict index of a value, added when new.
int32_t dictEntry(std::string_view v) {
  auto& d = S->dict;
  // Few distinct values per page, most repeating the last ones: a short linear search from the end.
  for (size_t k = d.size(); k-- > 0;) {
    if (d[k].size() == v.size() && std::memcmp(d[k].data(), v.data(), v.size()) == 0) return static_cast<int32_t>(k);
  }
  if (d.size() > 4096) bail();
  d.emplace_back(v);
  return static_cast<int32_t>(d.size() - 1);
}

int32_t dictOf(std::string_view v) {
  if (v.empty()) return -1;
  if (!ascii(v)) checkText(v);
  return dictEntry(v);
}

// ----------------------------------------------------------------------------------------------------------------
// Values

// Slot states.
enum St : int8_t { ABSENT, NUL, STR, TRUE_, FALSE_, NUM, OBJ, ARR };

struct Slot {
  St st = ABSENT;
  std::string_view s;
  double d = NAN;
  int64_t n = 0;
};

// Date.UTC(y, mo, d, 0, 0, 0) in days (MakeDay: the month carried into the year, any day number).
int64_t makeDay(int64_t y, int64_t mo, int64_t d) {
  int64_t ym = y + (mo >= 0 ? mo / 12 : -((-mo + 11) / 12));
  int64_t mn = mo - (ym - y) * 12;
  // days from civil (Howard Hinnant), for the first of month mn + 1 of year ym
  int64_t m1 = mn + 1;
  int64_t yy = ym - (m1 <= 2 ? 1 : 0);
  int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  int64_t yoe = yy - era * 400;
  int64_t doy = (153 * (m1 > 2 ? m1 - 3 : m1 + 9) + 2) / 5;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468 + (d - 1);
}

inline bool digit(const uint8_t* s, size_t n, size_t i) { return i < n && s[i] >= '0' && s[i] <= '9'; }
inline int d2(const uint8_t* s, size_t i) { return (s[i] - '0') * 10 + s[i + 1] - '0'; }
// JavaScript's \s, for ASCII.
inline bool reSpace(uint8_t c) { return c == ' ' || (c >= 9 && c <= 13); }

// dates.ts possibleDate: a day and time that exist (Date.UTC would roll an impossible one over; JavaScript refuses it).
bool possibleDate(int64_t y, int64_t mo, int64_t d, int64_t h, int64_t mi, int64_t sec) {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || sec > 59) return false;
  int64_t dim = mo == 2 ? ((y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28)
                        : (mo == 4 || mo == 6 || mo == 9 || mo == 11) ? 30 : 31;
  return d <= dim;
}

// `\s*(Z|[+-]\d{2}:?\d{2})?$` of ISO_DATE from position p; the zone offset in minutes (0 for none or Z).
bool isoRest(const uint8_t* s, size_t n, size_t p, int64_t& offset) {
  offset = 0;
  while (p < n && reSpace(s[p])) p++;
  if (p == n) return true;
  if (s[p] == 'Z' || s[p] == 'z') return p + 1 == n;
  if (s[p] != '+' && s[p] != '-') return false;
  int64_t sign = s[p] == '-' ? -1 : 1;
  if (!digit(s, n, p + 1) || !digit(s, n, p + 2)) return false;
  int64_t hh = d2(s, p + 1);
  size_t q = p + 3;
  if (q < n && s[q] == ':') q++;
  if (!digit(s, n, q) || !digit(s, n, q + 1) || q + 2 != n) return false;
  // An offset of 24 hours or more, or 60 minutes or more, does not exist (dates.ts refuses it).
  if (hh > 23 || d2(s, q) > 59) return false;
  offset = sign * (hh * 60 + d2(s, q));
  return true;
}

// A date string as records.ts reads it (toMillis), after the validators' check (dateField): epoch ms, NaN for
// Graph's year-1 "never"; bails when the slow path would reject the string, or for what is left to JavaScript.
double dateOf(std::string_view v) {
  size_t n = v.size();
  const uint8_t* s = reinterpret_cast<const uint8_t*>(v.data());
  for (size_t i = 0; i < n; i++)
    if (s[i] >= 0x80) bail();
  // common.ts' fastMillis: `YYYY-MM-DDTHH:MM:SS[.f{0,7}]Z`
  bool fast = n >= 20 && n <= 28 && s[n - 1] == 'Z' && s[10] == 'T' && s[4] == '-' && s[7] == '-' && s[13] == ':' &&
              s[16] == ':';
  static const int DIGITS[] = {0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18};
  for (int k : DIGITS)
    if (fast && (s[k] < '0' || s[k] > '9')) fast = false;
  double ms = 0;
  if (fast && n > 20) {
    if (s[19] != '.') fast = false;
    double scale = 100;
    for (size_t i = 20; fast && i < n - 1; i++) {
      int c = s[i] - '0';
      if (c < 0 || c > 9) fast = false;
      ms += c * scale;
      scale /= 10;
    }
    ms = std::floor(ms);
  }
  if (fast) {
    int64_t y = d2(s, 0) * 100 + d2(s, 2);
    if (!possibleDate(y, d2(s, 5), d2(s, 8), d2(s, 11), d2(s, 14), d2(s, 17))) bail();
    if (y == 1) return NAN;
    // Date.UTC maps years 0..99 to 1900..1999: left to JavaScript.
    if (y < 100) bail();
    double t = static_cast<double>(makeDay(y, d2(s, 5) - 1, d2(s, 8))) * 86400000.0 + d2(s, 11) * 3600000.0 +
               d2(s, 14) * 60000.0 + d2(s, 17) * 1000.0 + ms;
    if (!std::isfinite(t) || std::fabs(t) > 8.64e15) bail();
    return t;
  }
  // ISO_DATE: ^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i
  if (n < 10) bail();
  for (int k : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!digit(s, n, k)) bail();
  if (s[4] != '-' || s[7] != '-') bail();
  int64_t y = d2(s, 0) * 100 + d2(s, 2);
  int64_t hh = 0, mi = 0, sec = 0, milli = 0, offset = 0;
  bool matched = false;
  size_t p = 10;
  if (p < n && (s[p] == 'T' || s[p] == 't' || s[p] == ' ') && digit(s, n, p + 1) && digit(s, n, p + 2) &&
      p + 3 < n && s[p + 3] == ':' && digit(s, n, p + 4) && digit(s, n, p + 5)) {
    hh = d2(s, p + 1);
    mi = d2(s, p + 4);
    size_t q = p + 6;
    if (q < n && s[q] == ':' && digit(s, n, q + 1) && digit(s, n, q + 2)) {
      sec = d2(s, q + 1);
      q += 3;
      if (q < n && s[q] == '.') {
        size_t f = q + 1;
        size_t e = f;
        while (e - f < 9 && digit(s, n, e)) e++;
        // Number(`${frac}000`.slice(0, 3))
        for (size_t k = 0; k < 3; k++) milli = milli * 10 + (f + k < e ? s[f + k] - '0' : 0);
        q = e;
      }
    }
    matched = isoRest(s, n, q, offset);
    if (!matched) hh = mi = sec = milli = 0;
  }
  if (!matched) matched = isoRest(s, n, 10, offset);
  if (!matched) bail();
  if (!possibleDate(y, d2(s, 5), d2(s, 8), hh, mi, sec)) bail();
  if (y == 1) return NAN;
  if (y < 100) bail();
  double t = static_cast<double>(makeDay(y, d2(s, 5) - 1, d2(s, 8))) * 86400000.0 + hh * 3600000.0 + mi * 60000.0 +
             sec * 1000.0 + static_cast<double>(milli) - static_cast<double>(offset) * 60000.0;
  if (!std::isfinite(t) || std::fabs(t) > 8.64e15) bail();
  return t;
}

inline bool keyIs(std::string_view k, const char* name) { return k == std::string_view(name); }

// optString (kept)
inline void strSlot(Slot& slot, element v) {
  auto t = v.type();
  if (t == element_type::STRING) {
    slot.st = STR;
    slot.s = std::string_view(v);
  } else if (t == element_type::NULL_VALUE) {
    slot.st = NUL;
  } else {
    bail();
  }
}

// optString (validated only)
inline void vstr(element v) {
  auto t = v.type();
  if (t != element_type::STRING && t != element_type::NULL_VALUE) bail();
}

// required string
inline void idSlot(Slot& slot, element v) {
  if (v.type() != element_type::STRING) bail();
  slot.st = STR;
  slot.s = std::string_view(v);
}

// optBool
inline void boolSlot(Slot& slot, element v) {
  auto t = v.type();
  if (t == element_type::BOOL) slot.st = bool(v) ? TRUE_ : FALSE_;
  else if (t == element_type::NULL_VALUE) slot.st = NUL;
  else bail();
}

// isoDate: a date string or null
inline void dateSlot(Slot& slot, element v) {
  auto t = v.type();
  if (t == element_type::STRING) {
    slot.st = STR;
    slot.d = dateOf(std::string_view(v));
  } else if (t == element_type::NULL_VALUE) {
    slot.st = NUL;
    slot.d = NAN;
  } else {
    bail();
  }
}

inline void vdate(element v) {
  Slot tmp;
  dateSlot(tmp, v);
}

inline int8_t boolOf(const Slot& s) { return s.st == TRUE_ ? 1 : s.st == FALSE_ ? 0 : -1; }
inline double dateVal(const Slot& s) { return s.st == STR ? s.d : NAN; }
inline int32_t enumOf(const Slot& s) { return s.st == STR ? dictOf(s.s) : -1; }
inline void putSlot(int c, const Slot& s, bool keepEmpty = false) {
  if (s.st == STR) putStr(c, s.s, keepEmpty);
  else putNull(c);
}

inline void pushI(int c, int32_t v) { S->cols[c].i.push_back(v); }
inline void pushD(int c, double v) { S->cols[c].d.push_back(v); }
inline void pushB(int c, int8_t v) { S->cols[c].b.push_back(v); }

inline object objOf(element v) {
  if (v.type() != element_type::OBJECT) bail();
  return object(v);
}

// ----------------------------------------------------------------------------------------------------------------
// Intune managedDevices

#define MD_COLUMNS(X) \
  X(MC_id, "id", REF, false, NO_DICT) \
  X(MC_deviceName, "deviceName", REF, false, NO_DICT) \
  X(MC_serialNumber, "serialNumber", REF, false, NO_DICT) \
  X(MC_azureADDeviceId, "azureADDeviceId", REF, false, NO_DICT) \
  X(MC_userPrincipalName, "userPrincipalName", REF, false, NO_DICT) \
  X(MC_userId, "userId", REF, false, NO_DICT) \
  X(MC_udid, "udid", REF, false, NO_DICT) \
  X(MC_managementAgent, "managementAgent", I32, false, NO_DICT) \
  X(MC_complianceState, "complianceState", I32, false, NO_DICT) \
  X(MC_deviceRegistrationState, "deviceRegistrationState", I32, false, NO_DICT) \
  X(MC_operatingSystem, "operatingSystem", I32, false, NO_DICT) \
  X(MC_osVersion, "osVersion", I32, false, NO_DICT) \
  X(MC_lastSync, "lastSyncDateTime", F64, false, NO_DICT) \
  X(MC_enrolled, "enrolledDateTime", F64, false, NO_DICT) \
  X(MC_serialRef, "serialKey$ref", REF, false, D_SERIAL) \
  X(MC_serialHash, "serialKey$hash", I32, false, NO_DICT) \
  X(MC_deviceRef, "deviceIdKey$ref", REF, false, D_DEVICE) \
  X(MC_deviceHash, "deviceIdKey$hash", I32, false, NO_DICT) \
  X(MC_udidRef, "udidKey$ref", REF, false, D_UDID) \
  X(MC_udidHash, "udidKey$hash", I32, false, NO_DICT) \
  X(MC_userRef, "userKey$ref", REF, false, D_USER) \
  X(MC_userHash, "userKey$hash", I32, false, NO_DICT)
const ColSpec MD_COLS[] = {MD_COLUMNS(X_SPEC)};
enum { MD_COLUMNS(X_ENUM) MC_N };

void intune(element rec) {
  object o = objOf(rec);
  Slot id, deviceName, serial, aad, agent, compliance, registration, upn, email, userId, os, osVersion, udid, sync,
      enrolled;
  for (auto kv : o) {
    std::string_view k = kv.key;
    element v = kv.value;
    switch (k.size()) {
      case 2:
        if (keyIs(k, "id")) idSlot(id, v);
        break;
      case 4:
        if (keyIs(k, "udid")) strSlot(udid, v);
        break;
      case 6:
        if (keyIs(k, "userId")) strSlot(userId, v);
        break;
      case 9:
        if (keyIs(k, "osVersion")) strSlot(osVersion, v);
        break;
      case 10:
        if (keyIs(k, "deviceName")) strSlot(deviceName, v);
        break;
      case 12:
        if (keyIs(k, "serialNumber")) strSlot(serial, v);
        else if (keyIs(k, "emailAddress")) strSlot(email, v);
        break;
      case 15:
        if (keyIs(k, "azureADDeviceId")) strSlot(aad, v);
        else if (keyIs(k, "managementAgent")) strSlot(agent, v);
        else if (keyIs(k, "complianceState")) strSlot(compliance, v);
        else if (keyIs(k, "operatingSystem")) strSlot(os, v);
        else if (keyIs(k, "managementState")) vstr(v);
        break;
      case 16:
        if (keyIs(k, "lastSyncDateTime")) dateSlot(sync, v);
        else if (keyIs(k, "enrolledDateTime")) dateSlot(enrolled, v);
        break;
      case 17:
        if (keyIs(k, "userPrincipalName")) strSlot(upn, v);
        break;
      case 23:
        if (keyIs(k, "deviceRegistrationState")) strSlot(registration, v);
        break;
      default:
        break;
    }
  }
  if (id.st != STR) bail();
  putSlot(MC_id, id, true);
  putSlot(MC_deviceName, deviceName);
  putSlot(MC_serialNumber, serial);
  putKey(MC_serialRef, MC_serialHash, K_SERIAL);
  putSlot(MC_azureADDeviceId, aad);
  putKey(MC_deviceRef, MC_deviceHash, K_DEVICE);
  // userPrincipalName: s(upn) ?? s(emailAddress)
  if (upn.st == STR && !upn.s.empty()) putSlot(MC_userPrincipalName, upn);
  else putSlot(MC_userPrincipalName, email);
  putKey(MC_userRef, MC_userHash, K_USER);
  putSlot(MC_userId, userId);
  putSlot(MC_udid, udid);
  putKey(MC_udidRef, MC_udidHash, K_UDID);
  pushI(MC_managementAgent, enumOf(agent));
  pushI(MC_complianceState, enumOf(compliance));
  pushI(MC_deviceRegistrationState, enumOf(registration));
  pushI(MC_operatingSystem, enumOf(os));
  pushI(MC_osVersion, enumOf(osVersion));
  pushD(MC_lastSync, dateVal(sync));
  pushD(MC_enrolled, dateVal(enrolled));
}

// ----------------------------------------------------------------------------------------------------------------
// Entra devices

#define EN_COLUMNS(X) \
  X(EC_id, "id", REF, false, NO_DICT) \
  X(EC_deviceId, "deviceId", REF, false, NO_DICT) \
  X(EC_displayName, "displayName", REF, false, NO_DICT) \
  X(EC_operatingSystem, "operatingSystem", I32, false, NO_DICT) \
  X(EC_managementType, "managementType", I32, false, NO_DICT) \
  X(EC_trustType, "trustType", I32, false, NO_DICT) \
  X(EC_accountEnabled, "accountEnabled", I8, false, NO_DICT) \
  X(EC_isCompliant, "isCompliant", I8, false, NO_DICT) \
  X(EC_isManaged, "isManaged", I8, false, NO_DICT) \
  X(EC_signIn, "approximateLastSignInDateTime", F64, false, NO_DICT) \
  X(EC_registration, "registrationDateTime", F64, false, NO_DICT) \
  X(EC_deviceRef, "deviceIdKey$ref", REF, false, D_DEVICE) \
  X(EC_deviceHash, "deviceIdKey$hash", I32, false, NO_DICT)
const ColSpec EN_COLS[] = {EN_COLUMNS(X_SPEC)};
enum { EN_COLUMNS(X_ENUM) EC_N };

void entra(element rec) {
  object o = objOf(rec);
  Slot id, deviceId, displayName, os, mgmt, trust, enabled, compliant, managed, signIn, registration;
  for (auto kv : o) {
    std::string_view k = kv.key;
    element v = kv.value;
    switch (k.size()) {
      case 2:
        if (keyIs(k, "id")) idSlot(id, v);
        break;
      case 8:
        if (keyIs(k, "deviceId")) strSlot(deviceId, v);
        break;
      case 9:
        if (keyIs(k, "trustType")) strSlot(trust, v);
        else if (keyIs(k, "isManaged")) boolSlot(managed, v);
        break;
      case 11:
        if (keyIs(k, "displayName")) strSlot(displayName, v);
        else if (keyIs(k, "isCompliant")) boolSlot(compliant, v);
        break;
      case 14:
        if (keyIs(k, "managementType")) strSlot(mgmt, v);
        else if (keyIs(k, "accountEnabled")) boolSlot(enabled, v);
        break;
      case 15:
        if (keyIs(k, "operatingSystem")) strSlot(os, v);
        break;
      case 20:
        if (keyIs(k, "registrationDateTime")) dateSlot(registration, v);
        break;
      case 22:
        if (keyIs(k, "operatingSystemVersion")) vstr(v);
        break;
      case 29:
        if (keyIs(k, "approximateLastSignInDateTime")) dateSlot(signIn, v);
        break;
      default:
        break;
    }
  }
  if (id.st != STR) bail();
  putSlot(EC_id, id, true);
  putSlot(EC_deviceId, deviceId);
  putKey(EC_deviceRef, EC_deviceHash, K_DEVICE);
  putSlot(EC_displayName, displayName);
  pushI(EC_operatingSystem, enumOf(os));
  pushI(EC_managementType, enumOf(mgmt));
  pushI(EC_trustType, enumOf(trust));
  pushB(EC_accountEnabled, boolOf(enabled));
  pushB(EC_isCompliant, boolOf(compliant));
  pushB(EC_isManaged, boolOf(managed));
  pushD(EC_signIn, dateVal(signIn));
  pushD(EC_registration, dateVal(registration));
}

// ----------------------------------------------------------------------------------------------------------------
// Users

#define US_COLUMNS(X) \
  X(UC_id, "id", REF, false, NO_DICT) \
  X(UC_upn, "userPrincipalName", REF, false, NO_DICT) \
  X(UC_mail, "mail", REF, false, NO_DICT) \
  X(UC_displayName, "displayName", REF, false, NO_DICT) \
  X(UC_accountEnabled, "accountEnabled", I8, false, NO_DICT) \
  X(UC_hasPlans, "hasPlans", I8, false, NO_DICT) \
  X(UC_plans, "plans", I32, false, NO_DICT) \
  X(UC_idRef, "idKey$ref", REF, false, D_USERID) \
  X(UC_idHash, "idKey$hash", I32, false, NO_DICT) \
  X(UC_upnRef, "upnKey$ref", REF, false, D_USER) \
  X(UC_upnHash, "upnKey$hash", I32, false, NO_DICT) \
  X(UC_mailRef, "mailKey$ref", REF, false, D_USER) \
  X(UC_mailHash, "mailKey$hash", I32, false, NO_DICT)
const ColSpec US_COLS[] = {US_COLUMNS(X_SPEC)};
enum { US_COLUMNS(X_ENUM) UC_N };

// Scratch of the enabled plans of one user (per thread, reused).
struct Plans {
  std::string lower;                      // the lower-cased ids, one after the other
  std::vector<std::pair<size_t, size_t>> at;  // (offset, length) of each id in `lower`
  std::vector<std::string_view> ids;
  std::string joined;
  int32_t last = -1;                      // the dict entry of the previous user's plans
};
thread_local Plans* plans __attribute__((tls_model("initial-exec"))) = nullptr;
thread_local std::unique_ptr<Plans> plansOwner;

// The enabled plans of one user, read from its (last) assignedPlans array (records.ts enabledPlans): lower-cased,
// unique, sorted, joined by ',' as one page-dict entry.
int32_t plansOf(element arr, bool has) {
  if (!plans) {
    plansOwner = std::make_unique<Plans>();
    plans = plansOwner.get();
  }
  Plans& P = *plans;
  P.lower.clear();
  P.at.clear();
  if (has) {
    if (arr.type() != element_type::ARRAY) bail();
    for (element p : array(arr)) {
      object o = objOf(p);
      Slot planId, status;
      for (auto kv : o) {
        std::string_view k = kv.key;
        if (keyIs(k, "servicePlanId")) idSlot(planId, kv.value);
        else if (keyIs(k, "capabilityStatus")) strSlot(status, kv.value);
        else if (keyIs(k, "service")) vstr(kv.value);
      }
      if (planId.st != STR) bail();
      if (status.st != STR || status.s.size() != 7) continue;
      bool enabled = true;
      static const char E[] = "enabled";
      for (int k = 0; k < 7; k++) {
        uint8_t c = static_cast<uint8_t>(status.s[k]);
        if (c >= 0x80) bail();
        if ((c >= 'A' && c <= 'Z' ? c | 32 : c) != static_cast<uint8_t>(E[k])) enabled = false;
      }
      if (!enabled) continue;
      if (planId.s.empty()) bail();
      size_t off = P.lower.size();
      for (char ch : planId.s) {
        uint8_t c = static_cast<uint8_t>(ch);
        if (c >= 0x80 || c == ',') bail();
        P.lower.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c | 32 : c));
      }
      P.at.emplace_back(off, planId.s.size());
    }
  }
  P.ids.clear();
  for (auto& [off, len] : P.at) P.ids.emplace_back(P.lower.data() + off, len);
  std::sort(P.ids.begin(), P.ids.end());
  P.ids.erase(std::unique(P.ids.begin(), P.ids.end()), P.ids.end());
  P.joined.clear();
  for (size_t k = 0; k < P.ids.size(); k++) {
    if (k > 0) P.joined.push_back(',');
    P.joined.append(P.ids[k]);
  }
  auto& d = S->dict;
  // Users of a page mostly share their plans: the previous user's entry first.
  if (P.last >= 0 && static_cast<size_t>(P.last) < d.size() && d[P.last] == P.joined) return P.last;
  return P.last = dictEntry(P.joined);
}

void user(element rec) {
  object o = objOf(rec);
  Slot id, upn, mail, displayName, enabled;
  element planArr;
  bool hasPlans = false;
  for (auto kv : o) {
    std::string_view k = kv.key;
    element v = kv.value;
    if (keyIs(k, "id")) idSlot(id, v);
    else if (keyIs(k, "userPrincipalName")) strSlot(upn, v);
    else if (keyIs(k, "mail")) strSlot(mail, v);
    else if (keyIs(k, "displayName")) strSlot(displayName, v);
    else if (keyIs(k, "accountEnabled")) boolSlot(enabled, v);
    else if (keyIs(k, "assignedPlans")) {
      auto t = v.type();
      if (t == element_type::ARRAY) {
        // As JSON.parse, the last of duplicated keys wins: only that array is read (and checked), below.
        hasPlans = true;
        planArr = v;
      } else if (t == element_type::NULL_VALUE) {
        hasPlans = false;
      } else {
        bail();
      }
    }
  }
  if (id.st != STR) bail();
  putSlot(UC_id, id, true);
  putKey(UC_idRef, UC_idHash, K_LOWER);
  putSlot(UC_upn, upn);
  putKey(UC_upnRef, UC_upnHash, K_USER);
  putSlot(UC_mail, mail);
  putKey(UC_mailRef, UC_mailHash, K_USER);
  putSlot(UC_displayName, displayName);
  pushB(UC_accountEnabled, boolOf(enabled));
  pushB(UC_hasPlans, hasPlans ? 1 : 0);
  pushI(UC_plans, plansOf(planArr, hasPlans));
}

// ----------------------------------------------------------------------------------------------------------------
// Jamf computers-inventory

#define JC_COLUMNS(X) \
  X(JC_id, "id", REF, false, NO_DICT) \
  X(JC_udid, "udid", REF, false, NO_DICT) \
  X(JC_name, "name", REF, false, NO_DICT) \
  X(JC_serialNumber, "serialNumber", REF, false, NO_DICT) \
  X(JC_username, "username", REF, false, NO_DICT) \
  X(JC_email, "email", REF, false, NO_DICT) \
  X(JC_realname, "realname", REF, false, NO_DICT) \
  X(JC_managed, "managed", I8, false, NO_DICT) \
  X(JC_lastCheckIn, "lastCheckIn", F64, false, NO_DICT) \
  X(JC_lastContact, "lastContact", F64, false, NO_DICT) \
  X(JC_reportDate, "reportDate", F64, false, NO_DICT) \
  X(JC_osVersion, "osVersion", I32, false, NO_DICT) \
  X(JC_hasAccounts, "hasAccounts", I8, false, NO_DICT) \
  X(JC_accountStart, "accountStart", START, false, NO_DICT) \
  X(JC_serialRef, "serialKey$ref", REF, false, D_SERIAL) \
  X(JC_serialHash, "serialKey$hash", I32, false, NO_DICT) \
  X(JC_udidRef, "udidKey$ref", REF, false, D_UDID) \
  X(JC_udidHash, "udidKey$hash", I32, false, NO_DICT) \
  X(JC_userRef, "userKey$ref", REF, false, D_USER) \
  X(JC_userHash, "userKey$hash", I32, false, NO_DICT) \
  X(AC_username, "username", REF, true, NO_DICT) \
  X(AC_computerAad, "computerAzureActiveDirectoryId", REF, true, NO_DICT) \
  X(AC_userAad, "userAzureActiveDirectoryId", REF, true, NO_DICT) \
  X(AC_aad, "azureActiveDirectoryId", I32, true, NO_DICT) \
  X(AC_deviceRef, "deviceIdKey$ref", REF, true, D_DEVICE) \
  X(AC_deviceHash, "deviceIdKey$hash", I32, true, NO_DICT) \
  X(AC_userIdRef, "userIdKey$ref", REF, true, D_USERID) \
  X(AC_userIdHash, "userIdKey$hash", I32, true, NO_DICT)
const ColSpec JC_COLS[] = {JC_COLUMNS(X_SPEC)};
enum { JC_COLUMNS(X_ENUM) JC_N };

struct General {
  Slot name, lastContactTime, lastCheckIn, lastContact, reportDate, managed;
};

void general(element v, General& g) {
  g = General();
  object o = objOf(v);
  for (auto kv : o) {
    std::string_view k = kv.key;
    element x = kv.value;
    if (keyIs(k, "name")) strSlot(g.name, x);
    else if (keyIs(k, "platform")) vstr(x);
    else if (keyIs(k, "lastContactTime")) dateSlot(g.lastContactTime, x);
    else if (keyIs(k, "lastCheckIn")) dateSlot(g.lastCheckIn, x);
    else if (keyIs(k, "lastContact")) dateSlot(g.lastContact, x);
    else if (keyIs(k, "reportDate")) dateSlot(g.reportDate, x);
    else if (keyIs(k, "lastEnrolledDate")) vdate(x);
    else if (keyIs(k, "remoteManagement")) {
      g.managed = Slot();
      if (x.type() == element_type::NULL_VALUE) continue;
      for (auto r : objOf(x))
        if (keyIs(r.key, "managed")) boolSlot(g.managed, r.value);
    } else if (keyIs(k, "mdmCapable")) {
      if (x.type() == element_type::NULL_VALUE) continue;
      for (auto r : objOf(x))
        if (keyIs(r.key, "capable")) {
          Slot tmp;
          boolSlot(tmp, r.value);
        }
    }
  }
}

// The accounts of a computer's (last) localUserAccounts array, checked and emitted.
void accounts(element arr) {
  for (element a : array(arr)) {
    object o = objOf(a);
    Slot username, computerAad, userAad, aad;
    for (auto kv : o) {
      std::string_view k = kv.key;
      element v = kv.value;
      if (keyIs(k, "username")) strSlot(username, v);
      else if (keyIs(k, "computerAzureActiveDirectoryId")) strSlot(computerAad, v);
      else if (keyIs(k, "userAzureActiveDirectoryId")) strSlot(userAad, v);
      else if (keyIs(k, "azureActiveDirectoryId")) strSlot(aad, v);
      else if (keyIs(k, "fullName") || keyIs(k, "userAccountType")) vstr(v);
      else if (keyIs(k, "uid")) {
        auto t = v.type();
        if (t == element_type::OBJECT || t == element_type::ARRAY || t == element_type::BOOL) bail();
      }
    }
    putSlot(AC_username, username);
    putSlot(AC_computerAad, computerAad);
    putKey(AC_deviceRef, AC_deviceHash, K_DEVICE);
    putSlot(AC_userAad, userAad);
    putKey(AC_userIdRef, AC_userIdHash, K_LOWER);
    pushI(AC_aad, enumOf(aad));
    S->accN++;
  }
}

void computer(element rec) {
  object o = objOf(rec);
  Slot id, udid, serial, osVersion, username, realname, email;
  General g;
  element accs;
  bool hasAccounts = false;
  for (auto kv : o) {
    std::string_view k = kv.key;
    element v = kv.value;
    if (keyIs(k, "id")) {
      auto t = v.type();
      if (t == element_type::STRING) {
        id.st = STR;
        id.s = std::string_view(v);
      } else if (t == element_type::INT64) {
        int64_t x = int64_t(v);
        // String(number) is the integer's own decimal text (0 for -0 as well).
        if (x >= 1000000000000000LL || x <= -1000000000000000LL) bail();
        id.st = NUM;
        id.n = x;
      } else {
        bail();
      }
    } else if (keyIs(k, "udid")) {
      strSlot(udid, v);
    } else if (keyIs(k, "general")) {
      if (v.type() == element_type::NULL_VALUE) g = General();
      else general(v, g);
    } else if (keyIs(k, "hardware")) {
      serial = Slot();
      if (v.type() == element_type::NULL_VALUE) continue;
      for (auto h : objOf(v)) {
        if (keyIs(h.key, "serialNumber")) strSlot(serial, h.value);
        else if (keyIs(h.key, "model")) vstr(h.value);
      }
    } else if (keyIs(k, "operatingSystem")) {
      osVersion = Slot();
      if (v.type() == element_type::NULL_VALUE) continue;
      for (auto h : objOf(v)) {
        if (keyIs(h.key, "version")) strSlot(osVersion, h.value);
        else if (keyIs(h.key, "name")) vstr(h.value);
      }
    } else if (keyIs(k, "userAndLocation")) {
      username = realname = email = Slot();
      if (v.type() == element_type::NULL_VALUE) continue;
      for (auto h : objOf(v)) {
        if (keyIs(h.key, "username")) strSlot(username, h.value);
        else if (keyIs(h.key, "realname")) strSlot(realname, h.value);
        else if (keyIs(h.key, "email")) strSlot(email, h.value);
      }
    } else if (keyIs(k, "localUserAccounts")) {
      auto t = v.type();
      if (t == element_type::ARRAY) {
        hasAccounts = true;
        accs = v;
      } else if (t == element_type::NULL_VALUE) {
        hasAccounts = false;
      } else {
        bail();
      }
    } else if (keyIs(k, "applications")) {
      auto t = v.type();
      if (t == element_type::NULL_VALUE) continue;
      if (t != element_type::ARRAY) bail();
      for (element a : array(v)) {
        for (auto h : objOf(a)) {
          if (keyIs(h.key, "name") || keyIs(h.key, "bundleId") || keyIs(h.key, "version")) vstr(h.value);
        }
      }
    }
  }
  if (id.st == STR) {
    putSlot(JC_id, id, true);
  } else if (id.st == NUM) {
    std::string text = std::to_string(id.n);
    putStr(JC_id, text, true);
  } else {
    bail();
  }
  putSlot(JC_udid, udid);
  putKey(JC_udidRef, JC_udidHash, K_UDID);
  putSlot(JC_name, g.name);
  putSlot(JC_serialNumber, serial);
  putKey(JC_serialRef, JC_serialHash, K_SERIAL);
  putSlot(JC_username, username);
  putSlot(JC_email, email);
  putKey(JC_userRef, JC_userHash, K_USER);
  putSlot(JC_realname, realname);
  pushB(JC_managed, boolOf(g.managed));
  // general.lastContactTime ?? general.lastCheckIn
  pushD(JC_lastCheckIn, g.lastContactTime.st == STR ? g.lastContactTime.d : dateVal(g.lastCheckIn));
  pushD(JC_lastContact, dateVal(g.lastContact));
  pushD(JC_reportDate, dateVal(g.reportDate));
  pushI(JC_osVersion, enumOf(osVersion));
  pushB(JC_hasAccounts, hasAccounts ? 1 : 0);
  pushI(JC_accountStart, S->accN);
  if (hasAccounts) accounts(accs);
}

// ----------------------------------------------------------------------------------------------------------------
// Key dictionaries
//
// A join-key dictionary shared by the threads of the process (the scanning workers and the main thread): it
// gives each distinct key (its bytes) a number, `nid`, in the order the threads happen to intern them. Those
// numbers are not the fleet's key ids: the main thread maps them to ids in its own reading order
// (src/model/columns.ts KeyDict), so the ids, and every report, stay the same whichever thread came first.

struct Dict {
  std::mutex mu;
  /** (hash << 32) | (entry offset / 4 + 1); 0 is an empty slot. Kept at most half full. */
  std::vector<uint64_t> table = std::vector<uint64_t>(1 << 12, 0);
  uint64_t mask = (1 << 12) - 1;
  /**
   * The keys, each an entry at a 4-byte aligned offset: nid (u32), length (u32), the bytes (padded to 4). A probe
   * that meets its hash reads one place for the length, the bytes and the nid.
   */
  std::vector<uint8_t> arena;
  uint32_t count = 0;

  const uint8_t* entry(uint64_t e) const { return arena.data() + ((e & 0xffffffffu) - 1) * 4; }

  /** The nid of a key, or -1 (and the empty slot where it would go). */
  int32_t find(const uint8_t* p, uint32_t n, uint32_t h, uint64_t* slotOut) const {
    uint64_t slot = h & mask;
    for (;;) {
      uint64_t e = table[slot];
      if (e == 0) {
        if (slotOut) *slotOut = slot;
        return -1;
      }
      if (static_cast<uint32_t>(e >> 32) == h) {
        const uint8_t* x = entry(e);
        uint32_t len;
        std::memcpy(&len, x + 4, 4);
        if (len == n && std::memcmp(x + 8, p, n) == 0) {
          int32_t id;
          std::memcpy(&id, x, 4);
          return id;
        }
      }
      slot = (slot + 1) & mask;
    }
  }

  /** Hints the cache with the slot a key of hash h is probed at first (interning a page's keys in a row). */
  void prefetch(uint32_t h) const { __builtin_prefetch(&table[h & mask]); }

  void grow() { growTo(table.size() * 2); }

  /** Rehashes into a table of `size` slots (a power of two, larger than the present one). */
  void growTo(uint64_t size) {
    std::vector<uint64_t> t(size, 0);
    uint64_t m = t.size() - 1;
    for (uint64_t e : table) {
      if (e == 0) continue;
      uint64_t slot = (e >> 32) & m;
      while (t[slot] != 0) slot = (slot + 1) & m;
      t[slot] = e;
    }
    table.swap(t);
    mask = m;
  }

  /** Makes room for `more` keys (of about `bytesEach` bytes) without growing on the way; the caller holds `mu`. */
  void reserve(size_t more, size_t bytesEach) {
    uint64_t want = (static_cast<uint64_t>(count) + more) * 2;
    uint64_t size = table.size();
    while (size - 1 < want) size *= 2;
    if (size != table.size()) growTo(size);
    size_t need = arena.size() + more * (8 + ((bytesEach + 3) & ~static_cast<size_t>(3)));
    if (arena.capacity() < need) arena.reserve(need);
  }

  /** The nid of a key, added when new; the caller holds `mu`. */
  int32_t intern(const uint8_t* p, uint32_t n, uint32_t h) {
    uint64_t slot = 0;
    int32_t id = find(p, n, h, &slot);
    if (id >= 0) return id;
    if (count >= 0x7ffffff0u) throw std::runtime_error("key dictionary full");
    size_t off = arena.size();
    if (off / 4 + 1 >= 0xffffffffu) throw std::runtime_error("key dictionary full");
    size_t size = 8 + ((static_cast<size_t>(n) + 3) & ~static_cast<size_t>(3));
    if (arena.capacity() < off + size) arena.reserve(std::max(arena.capacity() * 2, off + size + (1 << 16)));
    arena.resize(off + size);
    uint8_t* x = arena.data() + off;
    id = static_cast<int32_t>(count++);
    std::memcpy(x, &id, 4);
    std::memcpy(x + 4, &n, 4);
    if (n) std::memcpy(x + 8, p, n);
    table[slot] = (static_cast<uint64_t>(h) << 32) | static_cast<uint64_t>(off / 4 + 1);
    if (static_cast<uint64_t>(count) * 2 > mask) grow();
    return id;
  }
};

std::mutex registryMu;
/** Dictionaries by handle (index); a freed one is null. A scan holds its own reference while it interns. */
std::vector<std::shared_ptr<Dict>> registry;

std::shared_ptr<Dict> dictOfHandle(int32_t handle) {
  std::lock_guard<std::mutex> g(registryMu);
  if (handle < 0 || static_cast<size_t>(handle) >= registry.size()) return nullptr;
  return registry[handle];
}

inline uint32_t fnv(const uint8_t* p, uint32_t n) {
  uint32_t h = 0x811c9dc5u;
  for (uint32_t k = 0; k < n; k++) h = (h ^ p[k]) * 0x01000193u;
  return h;
}

// ----------------------------------------------------------------------------------------------------------------
// Pages

enum Kind { MANAGED_DEVICES = 0, DEVICES = 1, USERS = 2, COMPUTERS = 3 };

struct KindDef {
  const ColSpec* cols;
  size_t n;
  void (*record)(element);
  const char* arrayKey;
  bool bareArray;
};

const KindDef KINDS[] = {
    {MD_COLS, MC_N, intune, "value", false},
    {EN_COLS, EC_N, entra, "value", false},
    {US_COLS, UC_N, user, "value", false},
    {JC_COLS, JC_N, computer, "results", true},
};

const char* TYPE_NAMES[] = {"ref", "i32", "f64", "i8", "start"};

// The layout of a kind's output; with `nids`, each KeyRef also has its `$nid` column (int32, after the others).
std::string layoutOf(const KindDef& def, bool nids) {
  std::string out;
  for (size_t k = 0; k < def.n; k++) {
    if (k > 0) out.push_back(',');
    out += def.cols[k].name;
    out.push_back(':');
    out += TYPE_NAMES[def.cols[k].ty];
    if (def.cols[k].acc) out += ":acc";
  }
  for (size_t k = 0; nids && k < def.n; k++) {
    if (def.cols[k].dict == NO_DICT) continue;
    std::string name = def.cols[k].name;
    out.push_back(',');
    out += name.substr(0, name.size() - 3);  // "...$ref" -> "...$"
    out += "nid:i32";
    if (def.cols[k].acc) out += ":acc";
  }
  return out;
}

// Interns the keys of a scanned page into the dictionaries (handles[D_N]), as `$nid` columns appended to the
// page's columns: one lock per column, nid -1 for a null key.
void internKeys(const KindDef& def, const int32_t* handles) {
  std::shared_ptr<Dict> dicts[D_N];
  for (int d = 0; d < D_N; d++) {
    dicts[d] = dictOfHandle(handles[d]);
  }
  auto& cols = S->cols;
  size_t base = cols.size();
  for (size_t k = 0; k < def.n; k++) {
    int8_t d = def.cols[k].dict;
    if (d == NO_DICT) continue;
    if (!dicts[d]) throw std::runtime_error("key dictionary freed or unknown");
    cols.emplace_back();
    Col& out = cols.back();
    out.ty = I32;
    out.acc = def.cols[k].acc;
    const Col& ref = cols[k];
    const Col& hash = cols[k + 1];
    size_t rows = hash.i.size();
    out.i.resize(rows);
    const uint8_t* heap = S->heap.data();
    Dict& dict = *dicts[d];
    std::lock_guard<std::mutex> g(dict.mu);
    const size_t AHEAD = 8;
    for (size_t r = 0; r < rows && r < AHEAD; r++) dict.prefetch(static_cast<uint32_t>(hash.i[r]));
    for (size_t r = 0; r < rows; r++) {
      if (r + AHEAD < rows) dict.prefetch(static_cast<uint32_t>(hash.i[r + AHEAD]));
      int32_t o = ref.i[2 * r];
      int32_t l = ref.i[2 * r + 1];
      out.i[r] = l < 0 ? -1 : dict.intern(heap + o, static_cast<uint32_t>(l), static_cast<uint32_t>(hash.i[r]));
    }
  }
  (void)base;
}

// Scans a page; returns the number of records, or throws Bail.
int32_t scanDoc(const uint8_t* buf, size_t len, size_t capacity, const KindDef& def) {
  if (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) bail();
  element doc;
  auto err = S->parser.parse(buf, len, capacity < len + simdjson::SIMDJSON_PADDING).get(doc);
  if (err) bail();
  array records;
  if (doc.type() == element_type::ARRAY && def.bareArray) {
    records = array(doc);
  } else if (doc.type() == element_type::OBJECT) {
    bool seen = false;
    for (auto kv : object(doc)) {
      if (kv.key == std::string_view(def.arrayKey)) {
        if (seen || kv.value.type() != element_type::ARRAY) bail();
        seen = true;
        records = array(kv.value);
      }
    }
    if (!seen) bail();
  } else {
    bail();
  }
  int32_t n = 0;
  for (element rec : records) {
    def.record(rec);
    n++;
  }
  if (&def == &KINDS[COMPUTERS]) S->cols[JC_accountStart].i.push_back(S->accN);
  return n;
}

size_t rowsOf(const Col& c, int32_t n, int32_t accN) {
  int32_t rows = c.acc ? accN : n;
  switch (c.ty) {
    case REF:
      return 2 * static_cast<size_t>(rows);
    case START:
      return static_cast<size_t>(rows) + 1;
    default:
      return static_cast<size_t>(rows);
  }
}

napi_value Scan(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_value nothing;
  napi_get_null(env, &nothing);
  if (napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr) != napi_ok || argc < 2) {
    napi_throw_type_error(env, nullptr, "scan(bytes: Uint8Array, kind: number)");
    return nullptr;
  }
  napi_typedarray_type type;
  size_t len;
  void* data;
  napi_value ab;
  size_t offset;
  if (napi_get_typedarray_info(env, argv[0], &type, &len, &data, &ab, &offset) != napi_ok ||
      type != napi_uint8_array) {
    napi_throw_type_error(env, nullptr, "scan: bytes must be a Uint8Array");
    return nullptr;
  }
  void* abData;
  size_t abLen;
  napi_get_arraybuffer_info(env, ab, &abData, &abLen);
  int32_t kind;
  if (napi_get_value_int32(env, argv[1], &kind) != napi_ok || kind < 0 || kind > 3) {
    napi_throw_type_error(env, nullptr, "scan: kind must be 0..3");
    return nullptr;
  }
  // Optional: the handles of the five key dictionaries (Int32Array), to intern the page's keys here.
  const int32_t* handles = nullptr;
  if (argc >= 3) {
    napi_valuetype vt;
    napi_typeof(env, argv[2], &vt);
    if (vt != napi_undefined && vt != napi_null) {
      napi_typedarray_type ht;
      size_t hn;
      void* hd;
      if (napi_get_typedarray_info(env, argv[2], &ht, &hn, &hd, nullptr, nullptr) != napi_ok || ht != napi_int32_array ||
          hn != D_N) {
        napi_throw_type_error(env, nullptr, "scan: dicts must be an Int32Array of 5 handles");
        return nullptr;
      }
      handles = static_cast<const int32_t*>(hd);
    }
  }
  if (!S) {
    stateOwner = std::make_unique<State>();
    S = stateOwner.get();
  }
  const KindDef& def = KINDS[kind];
  reset(def.cols, def.n);
  if (plans) plans->last = -1;  // the page dict starts empty
  int32_t n;
  try {
    n = scanDoc(static_cast<const uint8_t*>(data), len, abLen - offset, def);
    if (handles) internKeys(def, handles);
  } catch (const Bail&) {
    return nothing;
  } catch (const std::exception& e) {
    napi_throw_error(env, nullptr, e.what());
    return nullptr;
  }
  int32_t accN = S->accN;
  // Columns: header, then f64, int32 (ref, i32, start) and int8 groups.
  size_t bytes = 32;
  for (auto& c : S->cols) {
    size_t rows = rowsOf(c, n, accN);
    bytes += rows * (c.ty == F64 ? 8 : c.ty == I8 ? 1 : 4);
  }
  // Optional: a spare ArrayBuffer (the columns buffer of a page the reader is done with) to write the columns into
  // when it is large enough, instead of a new buffer (fewer buffers for the main thread's collector to free).
  void* out = nullptr;
  napi_value colsAb = nullptr;
  if (argc >= 4) {
    bool isAb = false;
    napi_is_arraybuffer(env, argv[3], &isAb);
    size_t spareLen = 0;
    void* spare = nullptr;
    if (isAb && napi_get_arraybuffer_info(env, argv[3], &spare, &spareLen) == napi_ok && spare && spareLen >= bytes) {
      out = spare;
      colsAb = argv[3];
    }
  }
  if (!out && napi_create_arraybuffer(env, bytes, &out, &colsAb) != napi_ok) return nullptr;
  auto* p = static_cast<uint8_t*>(out);
  int32_t header[8] = {n, accN, 0, 0, 0, 0, 0, 0};
  std::memcpy(p, header, sizeof header);
  size_t at = 32;
  for (int group = 0; group < 3; group++) {
    for (auto& c : S->cols) {
      int g = c.ty == F64 ? 0 : c.ty == I8 ? 2 : 1;
      if (g != group) continue;
      size_t rows = rowsOf(c, n, accN);
      const void* src = g == 0 ? static_cast<const void*>(c.d.data())
                        : g == 1 ? static_cast<const void*>(c.i.data())
                                 : static_cast<const void*>(c.b.data());
      size_t have = g == 0 ? c.d.size() : g == 1 ? c.i.size() : c.b.size();
      if (have != rows) {
        napi_throw_error(env, nullptr, "native scan: column length mismatch");
        return nullptr;
      }
      size_t size = rows * (g == 0 ? 8 : g == 1 ? 4 : 1);
      if (size) std::memcpy(p + at, src, size);
      at += size;
    }
  }
  void* heapOut;
  napi_value heapAb;
  if (napi_create_arraybuffer(env, S->heap.size(), &heapOut, &heapAb) != napi_ok) return nullptr;
  if (!S->heap.empty()) std::memcpy(heapOut, S->heap.data(), S->heap.size());
  napi_value dict;
  napi_create_array_with_length(env, S->dict.size(), &dict);
  for (size_t k = 0; k < S->dict.size(); k++) {
    napi_value s;
    napi_create_string_utf8(env, S->dict[k].data(), S->dict[k].size(), &s);
    napi_set_element(env, dict, static_cast<uint32_t>(k), s);
  }
  thread_local std::string layouts[8];
  std::string& lay = layouts[kind * 2 + (handles ? 1 : 0)];
  if (lay.empty()) lay = layoutOf(def, handles != nullptr);
  napi_value layout;
  napi_create_string_utf8(env, lay.data(), lay.size(), &layout);
  napi_value result;
  napi_create_array_with_length(env, 4, &result);
  napi_set_element(env, result, 0, colsAb);
  napi_set_element(env, result, 1, heapAb);
  napi_set_element(env, result, 2, dict);
  napi_set_element(env, result, 3, layout);
  return result;
}

napi_value DictCreate(napi_env env, napi_callback_info) {
  std::lock_guard<std::mutex> g(registryMu);
  registry.push_back(std::make_shared<Dict>());
  napi_value v;
  napi_create_int32(env, static_cast<int32_t>(registry.size() - 1), &v);
  return v;
}

napi_value DictFree(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int32_t h = -1;
  if (argc < 1 || napi_get_value_int32(env, argv[0], &h) != napi_ok) return nullptr;
  std::lock_guard<std::mutex> g(registryMu);
  if (h >= 0 && static_cast<size_t>(h) < registry.size()) registry[h].reset();
  return nullptr;
}

// Typed-array data of argument i, checked; null (with a TypeError thrown) when it is not of that type.
void* typed(napi_env env, napi_value v, napi_typedarray_type want, size_t* len) {
  napi_typedarray_type t;
  void* data;
  if (napi_get_typedarray_info(env, v, &t, len, &data, nullptr, nullptr) != napi_ok || t != want) {
    napi_throw_type_error(env, nullptr, "native key dictionary: bad typed array");
    return nullptr;
  }
  return data;
}

// dictIntern(handle, bytes: Uint8Array, ref: Int32Array, hash: Int32Array, n, out: Int32Array, at): interns
// the n keys of a KeyRef (bytes = its heap) into out[at..], -1 for a null key.
napi_value DictIntern(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  if (argc < 7) {
    napi_throw_type_error(env, nullptr, "dictIntern(handle, bytes, ref, hash, n, out, at)");
    return nullptr;
  }
  int32_t h, n, at;
  napi_get_value_int32(env, argv[0], &h);
  napi_get_value_int32(env, argv[4], &n);
  napi_get_value_int32(env, argv[6], &at);
  size_t bl, rl, hl, ol;
  auto* bytes = static_cast<const uint8_t*>(typed(env, argv[1], napi_uint8_array, &bl));
  if (!bytes && bl) return nullptr;
  auto* ref = static_cast<const int32_t*>(typed(env, argv[2], napi_int32_array, &rl));
  auto* hash = static_cast<const int32_t*>(typed(env, argv[3], napi_int32_array, &hl));
  auto* out = static_cast<int32_t*>(typed(env, argv[5], napi_int32_array, &ol));
  if (!ref || !hash || !out) return nullptr;
  if (n < 0 || at < 0 || rl < 2 * static_cast<size_t>(n) || hl < static_cast<size_t>(n) ||
      ol < static_cast<size_t>(at) + static_cast<size_t>(n)) {
    napi_throw_range_error(env, nullptr, "dictIntern: lengths");
    return nullptr;
  }
  auto dict = dictOfHandle(h);
  if (!dict) {
    napi_throw_error(env, nullptr, "dictIntern: unknown dictionary");
    return nullptr;
  }
  std::lock_guard<std::mutex> g(dict->mu);
  for (int32_t r = 0; r < n; r++) {
    int32_t o = ref[2 * r];
    int32_t l = ref[2 * r + 1];
    if (l < 0) {
      out[at + r] = -1;
      continue;
    }
    if (o < 0 || static_cast<size_t>(o) + static_cast<size_t>(l) > bl) {
      napi_throw_range_error(env, nullptr, "dictIntern: a key outside its heap");
      return nullptr;
    }
    out[at + r] = dict->intern(bytes + o, static_cast<uint32_t>(l), static_cast<uint32_t>(hash[r]));
  }
  return nullptr;
}

// dictReserve(handle, keys): room for that many more keys (a dataset's records), so that the table and the key
// bytes do not grow (rehash, copy) while the scanning threads wait on the dictionary.
napi_value DictReserve(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int32_t h = -1;
  double more = 0;
  if (argc < 2 || napi_get_value_int32(env, argv[0], &h) != napi_ok || napi_get_value_double(env, argv[1], &more) != napi_ok ||
      !(more >= 0) || more > 1e9) {
    napi_throw_type_error(env, nullptr, "dictReserve(handle, keys)");
    return nullptr;
  }
  auto dict = dictOfHandle(h);
  if (dict) {
    std::lock_guard<std::mutex> g(dict->mu);
    dict->reserve(static_cast<size_t>(more), 32);
  }
  return nullptr;
}

// dictFind(handle, bytes: Uint8Array, start, length): the nid of a key, or -1.
napi_value DictFind(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
  int32_t h, start, length;
  napi_get_value_int32(env, argv[0], &h);
  napi_get_value_int32(env, argv[2], &start);
  napi_get_value_int32(env, argv[3], &length);
  size_t bl;
  auto* bytes = static_cast<const uint8_t*>(typed(env, argv[1], napi_uint8_array, &bl));
  if (!bytes && bl) return nullptr;
  if (start < 0 || length < 0 || static_cast<size_t>(start) + static_cast<size_t>(length) > bl) {
    napi_throw_range_error(env, nullptr, "dictFind: range");
    return nullptr;
  }
  auto dict = dictOfHandle(h);
  int32_t id = -1;
  if (dict) {
    std::lock_guard<std::mutex> g(dict->mu);
    const uint8_t* p = bytes + start;
    id = dict->find(p, static_cast<uint32_t>(length), fnv(p, static_cast<uint32_t>(length)), nullptr);
  }
  napi_value v;
  napi_create_int32(env, id, &v);
  return v;
}

napi_value Implementation(napi_env env, napi_callback_info) {
  napi_value s;
  std::string name = simdjson::get_active_implementation()->name();
  napi_create_string_utf8(env, name.data(), name.size(), &s);
  return s;
}

}  // namespace

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"scan", nullptr, Scan, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"implementation", nullptr, Implementation, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dictCreate", nullptr, DictCreate, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dictFree", nullptr, DictFree, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dictIntern", nullptr, DictIntern, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dictFind", nullptr, DictFind, nullptr, nullptr, nullptr, napi_default, nullptr},
      {"dictReserve", nullptr, DictReserve, nullptr, nullptr, nullptr, napi_default, nullptr},
  };
  napi_define_properties(env, exports, 7, props);
  return exports;
}
