{
  "targets": [
    {
      "target_name": "jidoctor_scan",
      "sources": ["scan.cc"],
      "libraries": ["-lsimdjson"],
      "cflags_cc!": ["-fno-exceptions", "-fno-rtti", "-std=gnu++17", "-std=gnu++20"],
      "cflags_cc": ["-std=c++17", "-fexceptions", "-O3"],
      "cflags!": ["-O2"]
    }
  ]
}
