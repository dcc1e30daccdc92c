#pragma once
// Map exports need a QGuiApplication (fonts, QPdfWriter). A program without one (the CLI, a
// scenario runner) gets one here: created once for the offscreen platform (unless
// QT_QPA_PLATFORM says otherwise), on the calling thread, which must be the main thread.
namespace ekm::render {

// Does nothing when a QGuiApplication exists; throws core::Error when the application is a
// QCoreApplication only (fonts cannot be had then).
void ensureGuiApplication();

}  // namespace ekm::render
