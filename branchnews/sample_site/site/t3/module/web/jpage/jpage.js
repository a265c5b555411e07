// 大汉 JCMS jpage (stub): renders the <record> CDATA of the column's datastore and its pager.
function jpage(opts) {
  var box = document.getElementById(opts.uid);
  var xml = box.getElementsByTagName("script")[0].text;
  var re = /<record><!\[CDATA\[([\s\S]*?)\]\]><\/record>/g, m, html = "<ul class=\"list\">";
  while ((m = re.exec(xml))) { html += m[1]; }
  html += "</ul><div class=\"default_pgContainer\">共" + opts.totalRecord + "条 ";
  var pages = Math.ceil(opts.totalRecord / opts.perPage);
  for (var i = 1; i <= pages; i++) {
    var href = (i == 1) ? "index.html" : "index.html?uid=" + opts.uid + "&pageNum=" + i;
    html += (i == opts.pageNum) ? "<span>" + i + "</span> " : "<a href=\"" + href + "\">" + i + "</a> ";
  }
  box.innerHTML = html + "</div>";
}
