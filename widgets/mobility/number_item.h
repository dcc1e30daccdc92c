#pragma once
// A right-aligned table cell of a number in the UI locale ("–" for NaN), the value kept in
// Qt::UserRole for sorting and tests: the Mobility dock's tables.
#include <QLocale>
#include <QTableWidgetItem>
#include <cmath>

namespace ekm::widgets {

inline QTableWidgetItem* numberItem(double v, int decimals = 0) {
  auto* item = new QTableWidgetItem(std::isnan(v) ? QStringLiteral("–") : QLocale().toString(v, 'f', decimals));
  item->setData(Qt::UserRole, v);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

}  // namespace ekm::widgets
