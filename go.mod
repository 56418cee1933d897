module github.com/numgl/numgl

go 1.26
