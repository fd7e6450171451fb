{
  "targets": [
    {
      "target_name": "jidoctor_scan",
      "sources": ["scan.cc"],
      "include_dirs": ["<!@(node -p \"process.env.JIDOCTOR_SIMDJSON_INCLUDE || ''\")"],
      "libraries": [
        "<!@(node -p \"process.env.JIDOCTOR_SIMDJSON_LIB ? '-L' + process.env.JIDOCTOR_SIMDJSON_LIB + ' -Wl,-rpath,' + process.env.JIDOCTOR_SIMDJSON_LIB : ''\")",
        "-lsimdjson"
      ],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O3"],
      "cflags!": ["-O2"],
      "xcode_settings": {
        "GCC_ENABLE_CPP_EXCEPTIONS": "YES",
        "GCC_ENABLE_CPP_RTTI": "YES",
        "CLANG_CXX_LANGUAGE_STANDARD": "c++17",
        "GCC_OPTIMIZATION_LEVEL": "3",
        "MACOSX_DEPLOYMENT_TARGET": "11.0"
      }
    }
  ]
}
