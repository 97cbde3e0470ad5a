import Testing

@testable import IDTrailBench

/// The JSON output, from results built by hand: every key, rounding, and nulls where a figure is
/// missing.
@Suite struct BenchJSONRendererTests {
  @Test func generatedResultWithScaling() throws {
    #expect(
      try BenchJSONRenderer().render(BenchFixture.scaled) == """
        {
          "endToEnd" : {
            "bytes" : 792000000,
            "coresUsed" : 1.125,
            "cpuSeconds" : 13.5,
            "events" : 1000000,
            "eventsPerSecond" : 83333.333,
            "files" : 3,
            "megabytesPerSecond" : 66,
            "peakRSSMegabytes" : 1300,
            "records" : 1000001,
            "secondsPerMillionEvents" : 12,
            "wallSeconds" : 12
          },
          "endToEndPeakBytesPerEvent" : 1300,
          "endToEndToInspect" : 7.5,
          "formats" : [
            {
              "bytes" : 450123456,
              "coresUsed" : 1.846,
              "cpuSeconds" : 1.5,
              "events" : 600000,
              "eventsPerSecond" : 738461.538,
              "files" : 1,
              "format" : "gitlab.audit.stream",
              "megabytesPerSecond" : 553.998,
              "peakRSSMegabytes" : 480,
              "records" : 600001,
              "secondsPerMillionEvents" : 1.354167,
              "wallSeconds" : 0.8125
            },
            {
              "bytes" : 200000000,
              "coresUsed" : 0.999,
              "cpuSeconds" : 0.4996,
              "events" : 250000,
              "eventsPerSecond" : 500000,
              "files" : 1,
              "format" : "okta.systemlog",
              "megabytesPerSecond" : 400,
              "peakRSSMegabytes" : 230,
              "records" : 250001,
              "secondsPerMillionEvents" : 2,
              "wallSeconds" : 0.5
            },
            {
              "bytes" : 141876544,
              "coresUsed" : 3,
              "cpuSeconds" : 0.75,
              "events" : 150000,
              "eventsPerSecond" : 600000,
              "files" : 1,
              "format" : "windows.security.xml",
              "megabytesPerSecond" : 567.506,
              "peakRSSMegabytes" : 170,
              "records" : 150001,
              "secondsPerMillionEvents" : 1.666667,
              "wallSeconds" : 0.25
            }
          ],
          "inputs" : {
            "generatedEvents" : 1000000,
            "generationWallSeconds" : 3.1,
            "keptIn" : null,
            "kind" : "generated",
            "paths" : [

            ]
          },
          "inspect" : {
            "bytes" : 792000000,
            "coresUsed" : 1.75,
            "cpuSeconds" : 2.8,
            "events" : 1000000,
            "eventsPerSecond" : 625000,
            "files" : 3,
            "megabytesPerSecond" : 495,
            "peakRSSMegabytes" : 500,
            "records" : 1000001,
            "secondsPerMillionEvents" : 1.6,
            "wallSeconds" : 1.6
          },
          "machine" : {
            "idtrailVersion" : "9.9.9",
            "loadAverage" : [
              0.5,
              1.25,
              2
            ],
            "logicalCores" : 8
          },
          "peakRSSScope" : "phase",
          "rounds" : 3,
          "scaling" : [
            {
              "endToEndDeviationPercent" : 0,
              "endToEndSecondsPerMillionEvents" : 12,
              "events" : 1000000,
              "inspectDeviationPercent" : 0,
              "inspectSecondsPerMillionEvents" : 1.6,
              "multiple" : 1
            },
            {
              "endToEndDeviationPercent" : 5,
              "endToEndSecondsPerMillionEvents" : 12.6,
              "events" : 2000000,
              "inspectDeviationPercent" : 0,
              "inspectSecondsPerMillionEvents" : 1.6,
              "multiple" : 2
            },
            {
              "endToEndDeviationPercent" : 10,
              "endToEndSecondsPerMillionEvents" : 13.2,
              "events" : 4000000,
              "inspectDeviationPercent" : -2.5,
              "inspectSecondsPerMillionEvents" : 1.56,
              "multiple" : 4
            }
          ],
          "schema" : "idtrail.bench/v1"
        }

        """)
  }

  @Test func givenInputsHaveNullGenerationFiguresAndAProcessWidePeak() throws {
    #expect(
      try BenchJSONRenderer().render(BenchFixture.given) == """
        {
          "endToEnd" : {
            "bytes" : 1550,
            "coresUsed" : 0.8,
            "cpuSeconds" : 0.04,
            "events" : 10,
            "eventsPerSecond" : 200,
            "files" : 3,
            "megabytesPerSecond" : 0.031,
            "peakRSSMegabytes" : 30,
            "records" : 11,
            "secondsPerMillionEvents" : 5000,
            "wallSeconds" : 0.05
          },
          "endToEndPeakBytesPerEvent" : 3000000,
          "endToEndToInspect" : 25,
          "formats" : [
            {
              "bytes" : 1500,
              "coresUsed" : 1,
              "cpuSeconds" : 0.001,
              "events" : 10,
              "eventsPerSecond" : 10000,
              "files" : 2,
              "format" : "gitlab.audit.api",
              "megabytesPerSecond" : 1.5,
              "peakRSSMegabytes" : 20,
              "records" : 11,
              "secondsPerMillionEvents" : 100,
              "wallSeconds" : 0.001
            },
            {
              "bytes" : 50,
              "coresUsed" : 1,
              "cpuSeconds" : 0.0006,
              "events" : 0,
              "eventsPerSecond" : 0,
              "files" : 1,
              "format" : "unrecognised",
              "megabytesPerSecond" : 0.083,
              "peakRSSMegabytes" : 20,
              "records" : 1,
              "secondsPerMillionEvents" : 0,
              "wallSeconds" : 0.0006
            }
          ],
          "inputs" : {
            "generatedEvents" : null,
            "generationWallSeconds" : null,
            "keptIn" : null,
            "kind" : "given",
            "paths" : [
              "logs/",
              "extra.json"
            ]
          },
          "inspect" : {
            "bytes" : 1550,
            "coresUsed" : 1,
            "cpuSeconds" : 0.002,
            "events" : 10,
            "eventsPerSecond" : 5000,
            "files" : 3,
            "megabytesPerSecond" : 0.775,
            "peakRSSMegabytes" : 21,
            "records" : 11,
            "secondsPerMillionEvents" : 200,
            "wallSeconds" : 0.002
          },
          "machine" : {
            "idtrailVersion" : "9.9.9",
            "loadAverage" : null,
            "logicalCores" : 2
          },
          "peakRSSScope" : "process",
          "rounds" : 1,
          "scaling" : [

          ],
          "schema" : "idtrail.bench/v1"
        }

        """)
  }
}
