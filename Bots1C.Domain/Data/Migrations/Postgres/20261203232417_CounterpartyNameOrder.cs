using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Bots1C.Domain.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CounterpartyNameOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Owners_OwnerType_Name",
                table: "Owners");

            migrationBuilder.CreateIndex(
                name: "IX_Owners_OwnerType_Name",
                table: "Owners",
                columns: new[] { "OwnerType", "Name" })
                .Annotation("Relational:Collation", new[] { "default", "und-x-icu" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Owners_OwnerType_Name",
                table: "Owners");

            migrationBuilder.CreateIndex(
                name: "IX_Owners_OwnerType_Name",
                table: "Owners",
                columns: new[] { "OwnerType", "Name" });
        }
    }
}
