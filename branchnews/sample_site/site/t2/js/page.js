// TRS WCM pager: writes the page links at run time; a crawler that does not run scripts sees none.
function createPageHTML(countPage, currentPage, prefix, ext) {
  if (countPage <= 1) { return; }
  var html = "";
  for (var i = 0; i < countPage; i++) {
    var name = (i == 0) ? prefix + "." + ext : prefix + "_" + i + "." + ext;
    html += (i == currentPage) ? "<span>" + (i + 1) + "</span> " : "<a href=\"" + name + "\">" + (i + 1) + "</a> ";
  }
  document.write(html);
}
