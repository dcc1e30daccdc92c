// The eco-behaviour feed -> one NGSI-LD EcoBehaviourFeed entity (see publish.h).
#include <ctime>

#include "ekm/citylink/citylink_ops.h"
#include "ekm/citylink/publish.h"
#include "ekm/core/error.h"
#include "ekm/io/ngsi_ld_entities.h"
#include "ekm/privacy/small_count.h"

namespace ekm::citylink {

using nlohmann::json;

namespace {

json prop(json value) { return {{"type", "Property"}, {"value", std::move(value)}}; }
json dateProp(std::int64_t unixS) { return prop({{"@type", "DateTime"}, {"@value", io::formatNgsiDateTime(unixS)}}); }
json quantity(double value, const char* unitCode) {
  return {{"type", "Property"}, {"value", value}, {"unitCode", unitCode}};
}

// "2025-02-01T00:00+09:00" -> "2025-02-01".
std::string dayOf(const json& iso) { return iso.is_string() ? iso.get<std::string>().substr(0, 10) : std::string(); }

}  // namespace

json ecoFeedEntity(const json& feed, const PublishSettings& settings, const std::string& where, std::int64_t& omitted) {
  const auto bad = [&](const std::string& field, const std::string& expected, const std::string& found) {
    return core::ValidationError("not an eco-behaviour feed", core::ErrorContext{where, {}, {}, field, expected, found});
  };
  if (!feed.is_object() || feed.value("schema", "") != "ekimachi-eco-feed")
    throw bad("schema", "ekimachi-eco-feed (ekimachi-cli energy feed --out)", feed.is_object() ? feed.value("schema", "") : "");
  if (feed.value("version", 0) != 1) throw bad("version", "1", feed.contains("version") ? feed["version"].dump() : "");
  const json period = feed.value("period", json::object());
  const std::string from = dayOf(period.value("from", json())), to = dayOf(period.value("to", json()));
  const auto fromS = parseCitylinkTime(from), toS = parseCitylinkTime(to);
  if (!fromS || !toS) throw bad("period", "from and to as ISO times", period.dump());

  json e;
  std::string id = from + "-" + to;
  std::erase(id, '-');
  e["id"] = "urn:ngsi-ld:" + std::string(kEcoEntityType) + ":" + settings.provider + ":" + id.substr(0, 8) + "-" +
            id.substr(8);
  e["type"] = kEcoEntityType;
  // CO2 avoided by mode; a row whose count is suppressed (or under 10) is not published.
  for (const auto& row : feed.value("co2_avoided", json::array())) {
    const json& people = row.value("people", json());
    const json& kg = row.value("co2_avoided_kg", json());
    const std::string mode = row.value("mode", "");
    if (!people.is_number() || privacy::isSuppressed(people.get<double>()) || !kg.is_number()) {
      ++omitted;
      continue;
    }
    if (mode == "walk") e["co2AvoidedWalking"] = quantity(kg.get<double>(), "KGM");
    if (mode == "bus") e["co2AvoidedBus"] = quantity(kg.get<double>(), "KGM");
  }
  if (feed.value("co2_avoided_total_kg", json()).is_number())
    e["co2AvoidedTotal"] = quantity(feed["co2_avoided_total_kg"].get<double>(), "KGM");
  const json energyRows = feed.value("energy_per_visitor", json::array());
  const json* energy = nullptr;
  for (const auto& row : energyRows)
    if (!energy || row.value("meter", "") == "electricity") energy = &row;
  if (energy) {
    const json& per = energy->value("kwh_per_person_hour", json());
    const json& hours = energy->value("person_hours", json());
    if (per.is_number() && hours.is_number() && !privacy::isSuppressed(hours.get<double>())) {
      e["energyPerVisitorHour"] = quantity(per.get<double>(), "KWH");
      e["energyPerVisitorHour"]["meter"] = energy->value("meter", "");
    } else {
      ++omitted;
    }
  }
  const json& rec = feed.value("recommendations", json::object());
  e["quietHoursWeekday"] = prop(rec.value("quiet_hours", json::object()).value("weekday", json::array()));
  e["quietHoursHoliday"] = prop(rec.value("quiet_hours", json::object()).value("holiday", json::array()));
  e["cleanHours"] = prop(rec.value("clean_hours", json::array()));
  e["emissionFactors"] = prop(feed.value("factors", json::object()));
  e["validFrom"] = dateProp(*fromS);
  e["validTo"] = dateProp(*toS + 24 * 3600);
  std::string created = settings.createdAt;
  if (created.empty()) created = io::formatNgsiDateTime(static_cast<std::int64_t>(std::time(nullptr)));
  e["dateCreated"] = prop({{"@type", "DateTime"}, {"@value", created}});
  e["source"] = prop(settings.source.empty() ? "Ekimachi eco-behaviour feed" : settings.source);
  e["dataProvider"] = prop(settings.dataProvider);
  e["@context"] = settings.context;
  return e;
}

}  // namespace ekm::citylink
