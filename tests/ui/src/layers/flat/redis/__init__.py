# a package at the top: Lambda never finds it
