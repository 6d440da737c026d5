#include "common/config.h"

#include <toml++/toml.h>

#include <cctype>
#include <filesystem>
#include <regex>
#include <thread>

namespace intake {
namespace {

namespace fs = std::filesystem;

std::string Where(const std::string& path, const toml::node& node,
                  const std::string& key) {
  return path + ":" + std::to_string(node.source().begin.line) + ": key '" +
         key + "'";
}

// Reads an optional value of type T at `key` of `table`; a present value of
// the wrong type is an error naming file, line and key.
template <typename T>
Status Read(const std::string& path, const toml::table& table,
            const std::string& prefix, const std::string& key, T* out) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return Status::Ok();
  std::optional<T> v = node->value<T>();
  if (!v) {
    return Status::InvalidArgument(Where(path, *node, prefix + key) +
                                   " has the wrong type");
  }
  *out = *v;
  return Status::Ok();
}

Status CheckKeys(const std::string& path, const toml::table& table,
                 const std::string& prefix,
                 std::initializer_list<std::string_view> known) {
  for (const auto& [key, node] : table) {
    bool found = false;
    for (std::string_view k : known) found = found || k == key.str();
    if (!found) {
      return Status::InvalidArgument(
          Where(path, node, prefix + std::string(key.str())) +
          " is not a known setting");
    }
  }
  return Status::Ok();
}

// Relative paths in a config file are relative to the file, so that
// `intake run --config /etc/intake/scanners.conf` works from any directory.
std::string Resolve(const fs::path& base, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (base / p).lexically_normal().string();
}

Status ReadStore(const std::string& path, const toml::table& root,
                 StoreConfig* store) {
  const toml::table* t = root["store"].as_table();
  if (t == nullptr) return Status::Ok();
  Status s = CheckKeys(path, *t, "store.", {"url", "archive"});
  if (s.ok()) s = Read(path, *t, "store.", "url", &store->url);
  if (s.ok()) s = Read(path, *t, "store.", "archive", &store->archive);
  return s;
}

Status ReadPipeline(const std::string& path, const toml::table& root,
                    PipelineConfig* p) {
  const toml::table* t = root["pipeline"].as_table();
  if (t == nullptr) return Status::Ok();
  Status s = CheckKeys(path, *t, "pipeline.",
                       {"ocr_workers", "listen", "language", "rules",
                        "page_timeout_s", "pdf_text"});
  int64_t workers = p->ocr_workers;
  double timeout = p->page_timeout_s;
  if (s.ok()) s = Read(path, *t, "pipeline.", "ocr_workers", &workers);
  if (s.ok()) s = Read(path, *t, "pipeline.", "listen", &p->listen);
  if (s.ok()) s = Read(path, *t, "pipeline.", "language", &p->language);
  if (s.ok()) s = Read(path, *t, "pipeline.", "rules", &p->rules);
  if (s.ok()) s = Read(path, *t, "pipeline.", "page_timeout_s", &timeout);
  if (s.ok()) s = Read(path, *t, "pipeline.", "pdf_text", &p->pdf_text);
  if (s.ok()) s = Read(path, *t, "pipeline.", "routing", &p->routing);
  if (s.ok()) s = Read(path, *t, "pipeline.", "mrn_pattern", &p->mrn_pattern);
  if (!s.ok()) return s;
  if (!p->mrn_pattern.empty()) {
    try {
      std::regex re(p->mrn_pattern);
    } catch (const std::regex_error& e) {
      return Status::InvalidArgument(
          Where(path, *t->get("mrn_pattern"), "pipeline.mrn_pattern") +
          " is not a valid pattern: " + e.what());
    }
  }
  if (p->pdf_text != "keep" && p->pdf_text != "ocr") {
    return Status::InvalidArgument(
        Where(path, *t->get("pdf_text"), "pipeline.pdf_text") +
        " must be \"keep\" or \"ocr\"");
  }
  if (workers < 0 || workers > 256) {
    return Status::InvalidArgument(
        Where(path, *t->get("ocr_workers"), "pipeline.ocr_workers") +
        " must be between 0 and 256");
  }
  if (!(timeout > 0)) {
    return Status::InvalidArgument(
        Where(path, *t->get("page_timeout_s"), "pipeline.page_timeout_s") +
        " must be more than 0");
  }
  p->ocr_workers = static_cast<int>(workers);
  p->page_timeout_s = timeout;
  return Status::Ok();
}

Status ReadScanner(const std::string& path, const toml::table& t, size_t index,
                   ScannerConfig* sc) {
  const std::string prefix = "scanner[" + std::to_string(index) + "].";
  Status s = CheckKeys(
      path, t, prefix,
      {"name", "source", "site", "after", "poll_interval_s", "settle_s", "dpi",
       "mode", "duplex", "tray", "blank_threshold", "separator",
       "patient_barcode", "patient_symbology", "default_type"});
  int64_t dpi = sc->dpi;
  if (s.ok()) s = Read(path, t, prefix, "name", &sc->name);
  if (s.ok()) s = Read(path, t, prefix, "source", &sc->source);
  if (s.ok()) s = Read(path, t, prefix, "site", &sc->site);
  if (s.ok()) s = Read(path, t, prefix, "after", &sc->after);
  if (s.ok())
    s = Read(path, t, prefix, "poll_interval_s", &sc->poll_interval_s);
  if (s.ok()) s = Read(path, t, prefix, "settle_s", &sc->settle_s);
  if (s.ok()) s = Read(path, t, prefix, "dpi", &dpi);
  if (s.ok()) s = Read(path, t, prefix, "mode", &sc->mode);
  if (s.ok()) s = Read(path, t, prefix, "duplex", &sc->duplex);
  if (s.ok()) s = Read(path, t, prefix, "tray", &sc->tray);
  if (s.ok())
    s = Read(path, t, prefix, "blank_threshold", &sc->blank_threshold);
  if (s.ok()) s = Read(path, t, prefix, "separator", &sc->separator);
  if (s.ok())
    s = Read(path, t, prefix, "patient_barcode", &sc->patient_barcode);
  if (s.ok())
    s = Read(path, t, prefix, "patient_symbology", &sc->patient_symbology);
  if (s.ok()) s = Read(path, t, prefix, "default_type", &sc->default_type);
  if (!s.ok()) return s;
  // A value's own line when present, else the table's.
  auto at = [&](const char* key) {
    const toml::node* n = t.get(key);
    return Where(path, n ? *n : static_cast<const toml::node&>(t),
                 prefix + key);
  };
  auto bad = [&](const char* key, const std::string& what) {
    return Status::InvalidArgument(at(key) + " " + what);
  };
  if (sc->name.empty()) return bad("name", "is required");
  if (!sc->is_folder() && !sc->is_sane()) {
    return bad("source", "must be \"folder:DIR\" or \"sane:DEVICE\" (got \"" +
                             sc->source + "\")");
  }
  if (sc->target().empty()) return bad("source", "names no folder or device");
  if (sc->after != "delete" && sc->after.rfind("move:", 0) != 0) {
    return bad("after", "must be \"delete\" or \"move:DIR\"");
  }
  if (sc->poll_interval_s <= 0) return bad("poll_interval_s", "must be > 0");
  if (sc->settle_s < 0) return bad("settle_s", "must be >= 0");
  if (dpi < 50 || dpi > 1200) return bad("dpi", "must be between 50 and 1200");
  sc->dpi = static_cast<int>(dpi);
  if (sc->mode != "gray" && sc->mode != "color" && sc->mode != "lineart") {
    return bad("mode", "must be \"gray\", \"color\" or \"lineart\"");
  }
  if (sc->blank_threshold < 0 || sc->blank_threshold > 0.1) {
    return bad("blank_threshold", "must be between 0 and 0.1");
  }
  if (!sc->patient_barcode.empty()) {
    try {
      std::regex re(sc->patient_barcode);
    } catch (const std::regex_error& e) {
      return bad("patient_barcode",
                 std::string("is not a valid pattern: ") + e.what());
    }
  }
  for (char c : sc->default_type) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_')) {
      return bad("default_type", "must be a type name (a-z, 0-9, _)");
    }
  }
  return Status::Ok();
}

}  // namespace

Config Config::Defaults() {
  Config c;
  ScannerConfig inbox;
  inbox.name = "inbox";
  inbox.source = "folder:inbox";
  c.scanners.push_back(inbox);
  return c;
}

Result<Config> Config::Load(const std::string& path) {
  toml::table root;
  try {
    root = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    return Status::InvalidArgument(path + ":" +
                                   std::to_string(e.source().begin.line) +
                                   ": " + std::string(e.description()));
  }
  Config c;
  c.path = path;
  Status s = CheckKeys(path, root, "", {"store", "pipeline", "scanner"});
  if (s.ok()) s = ReadStore(path, root, &c.store);
  if (s.ok()) s = ReadPipeline(path, root, &c.pipeline);
  if (!s.ok()) return s;
  if (const toml::node* n = root.get("scanner")) {
    const toml::array* arr = n->as_array();
    if (arr == nullptr) {
      return Status::InvalidArgument(Where(path, *n, "scanner") +
                                     " must be an array of tables [[scanner]]");
    }
    for (size_t i = 0; i < arr->size(); ++i) {
      const toml::table* t = arr->get(i)->as_table();
      if (t == nullptr) {
        return Status::InvalidArgument(Where(path, *arr->get(i), "scanner") +
                                       " entries must be tables");
      }
      ScannerConfig sc;
      s = ReadScanner(path, *t, i, &sc);
      if (!s.ok()) return s;
      for (const ScannerConfig& other : c.scanners) {
        if (other.name == sc.name) {
          return Status::InvalidArgument(
              path + ":" + std::to_string(t->source().begin.line) +
              ": scanner name '" + sc.name + "' is used twice");
        }
      }
      c.scanners.push_back(sc);
    }
  }
  // Paths inside the file are relative to the file.
  const fs::path base = fs::path(path).parent_path();
  if (c.store.url.rfind("sqlite:", 0) == 0) {
    c.store.url = "sqlite:" + Resolve(base, c.store.url.substr(7));
  }
  c.store.archive = Resolve(base, c.store.archive);
  c.pipeline.rules = Resolve(base, c.pipeline.rules);
  c.pipeline.routing = Resolve(base, c.pipeline.routing);
  for (ScannerConfig& sc : c.scanners) {
    if (sc.is_folder()) {
      sc.source = "folder:" + Resolve(base, sc.target());
    }
    if (sc.after.rfind("move:", 0) == 0) {
      sc.after = "move:" + Resolve(base, sc.after.substr(5));
    }
  }
  return c;
}

Result<Config> Config::LoadOrDefaults(const std::string& path,
                                      bool path_was_given) {
  std::error_code ec;
  if (fs::exists(path, ec)) return Load(path);
  if (path_was_given) {
    return Status::NotFound("configuration file " + path + " does not exist");
  }
  return Defaults();
}

int EffectiveOcrWorkers(const PipelineConfig& pipeline) {
  if (pipeline.ocr_workers > 0) return pipeline.ocr_workers;
  unsigned n = std::thread::hardware_concurrency();
  return n == 0 ? 1 : static_cast<int>(n);
}

}  // namespace intake
