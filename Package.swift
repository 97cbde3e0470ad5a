// swift-tools-version: 6.2
import PackageDescription

let package = Package(
  name: "idtrail",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "idtrail", targets: ["idtrail"]),
    .library(name: "IDTrailAnalysis", targets: ["IDTrailAnalysis"]),
    .library(name: "IDTrailBench", targets: ["IDTrailBench"]),
    .library(name: "IDTrailIngest", targets: ["IDTrailIngest"]),
    .library(name: "IDTrailModel", targets: ["IDTrailModel"]),
    .library(name: "IDTrailReport", targets: ["IDTrailReport"]),
    .library(name: "IDTrailSamples", targets: ["IDTrailSamples"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
  ],
  targets: [
    // zlib for gzip-compressed inputs; only `GzipInflater` imports it.
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // libxml2 for the XML formats; only `IDTrailXML` imports it, and no C pointer leaves that module.
    .systemLibrary(
      name: "CLibXML2",
      pkgConfig: "libxml-2.0",
      providers: [.apt(["libxml2-dev"])]
    ),
    // A cache prefetch hint for the trail's table of first deliveries (`FirstDeliveryTable`).
    .systemLibrary(name: "CPrefetch"),
    .target(name: "IDTrailModel"),
    // The sample organisation generator (`idtrail samples`); writes every format, reads none.
    .target(
      name: "IDTrailSamples",
      dependencies: ["IDTrailModel"]
    ),
    .target(
      name: "IDTrailXML",
      dependencies: ["CLibXML2"]
    ),
    .target(
      name: "IDTrailIngest",
      dependencies: ["CPrefetch", "IDTrailModel", "IDTrailXML", "CZlib"]
    ),
    .target(
      name: "IDTrailReport",
      dependencies: ["IDTrailModel"]
    ),
    .target(
      name: "IDTrailRun",
      dependencies: [
        "IDTrailAnalysis", "IDTrailIngest", "IDTrailModel", "IDTrailReport",
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    // `idtrail bench`: times decoding, inspect and a full report on generated or given inputs.
    .target(
      name: "IDTrailBench",
      dependencies: [
        "IDTrailAnalysis", "IDTrailIngest", "IDTrailModel", "IDTrailReport", "IDTrailRun", "IDTrailSamples",
      ]
    ),
    .executableTarget(
      name: "idtrail",
      dependencies: [
        "IDTrailAnalysis",
        "IDTrailBench",
        "IDTrailIngest",
        "IDTrailModel",
        "IDTrailReport",
        "IDTrailRun",
        "IDTrailSamples",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .target(
      name: "IDTrailAnalysis",
      dependencies: ["CPrefetch", "IDTrailModel", .product(name: "Yams", package: "Yams")]
    ),
    .testTarget(
      name: "IDTrailAnalysisTests",
      dependencies: ["IDTrailAnalysis", "IDTrailModel"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "IDTrailBenchTests",
      dependencies: ["IDTrailBench", "IDTrailModel"]
    ),
    .testTarget(
      name: "IDTrailModelTests",
      dependencies: ["IDTrailModel"]
    ),
    .testTarget(
      name: "IDTrailRunTests",
      dependencies: ["IDTrailRun", "IDTrailReport", "IDTrailModel", "IDTrailAnalysis", "IDTrailIngest"]
    ),
    .testTarget(
      name: "IDTrailReportTests",
      dependencies: ["IDTrailReport", "IDTrailModel", "IDTrailXML"],
      exclude: ["Golden"]
    ),
    .testTarget(
      name: "IDTrailXMLTests",
      dependencies: ["IDTrailXML"]
    ),
    .testTarget(
      name: "IDTrailIngestTests",
      dependencies: ["IDTrailIngest", "IDTrailModel"],
      exclude: ["Fixtures"]
    ),
    // Runs the built `idtrail` binary (found beside the test bundle); it links nothing of ours.
    .testTarget(name: "IDTrailCLITests"),
    .testTarget(
      name: "IDTrailSamplesTests",
      dependencies: ["IDTrailSamples", "IDTrailIngest", "IDTrailModel", "IDTrailAnalysis", "IDTrailRun"]
    ),
    // libFuzzer's driver, declared only; `.ci/fuzz` links it with -sanitize=fuzzer.
    .systemLibrary(name: "CLibFuzzer"),
    // Fuzz targets for the readers and every decoder: `.ci/fuzz` builds this with the fuzzer; a plain
    // build makes a replayer (`swift run IDTrailFuzz TARGET FILE…`).
    .executableTarget(
      name: "IDTrailFuzz",
      dependencies: ["CLibFuzzer", "IDTrailIngest", "IDTrailModel", "IDTrailXML"]
    ),
  ],
  swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
  var settings = target.swiftSettings ?? []
  settings.append(.enableUpcomingFeature("ExistentialAny"))
  settings.append(.enableUpcomingFeature("MemberImportVisibility"))
  target.swiftSettings = settings
}
