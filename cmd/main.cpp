#include "cmd/command.hpp"

#include <iostream>

int main(int argc, char** argv) {
    return cswm::cli::run(argc, argv, std::cout, std::cerr);
}
